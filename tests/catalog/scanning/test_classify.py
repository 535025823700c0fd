"""Column classification on the schemas people actually write: the families a DPO looks for,
and the traps (a product code, a verified flag, a phone type, a country of origin, a version)."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.scanning.classify import Column, classify_table, family, words

T = "text"


def classify(table: str, spec: dict[str, Any]) -> dict[str, str | None]:
    """{column: fideslang key or None}, for columns given as name → (type, values) or values."""
    cols = []
    for name, value in spec.items():
        type_class, values = value if isinstance(value, tuple) else (T, value)
        cols.append(Column(name, type_class, type_class, list(values), len(values)))
    return {c.column: c.fideslang for c in classify_table(table, cols)}


def test_column_names_split_as_their_authors_meant() -> None:
    assert words("billingEmailAddress") == ["billing", "email", "address"]
    assert words("last_sign_in_ip") == ["last", "sign", "in", "ip"]
    assert words("FirstName") == ["first", "name"]
    assert words("zipcode") == ["zip", "code"]
    assert words("address2") == ["address", "2"]
    assert words("SSN") == ["ssn"]


def test_the_traps_are_not_personal() -> None:
    got = classify(
        "products",
        {
            "code": ["123", "4567", "890"],
            "sku": ["AB-1234", "CD-5678"],
            "country_of_origin": ["IT", "US"],
            "version": ["1.2.3.4"] * 20,
            "name": ["Silver Ring", "Gold Band"],
        },
    )
    assert got == {
        "code": None,
        "sku": None,
        "country_of_origin": None,
        "version": None,
        "name": None,
    }
    users = classify(
        "users",
        {
            "email_verified": ("boolean", ["true", "false"]),
            "phone_type": ["mobile", "home"],
            "email_sent_at": ("datetime", []),
            "password_changed_at": ("datetime", []),
            "last_login": ("datetime", []),
            "state": ["active", "banned"],
        },
    )
    assert set(users.values()) == {None}


@pytest.mark.parametrize(
    ("table", "column", "values"),
    [
        ("products", "gender", ["men", "women", "unisex"]),
        ("user_groups", "name", ["Admins", "Editors"]),
        ("settings", "smtp_password", ["hunter2"]),
        ("servers", "ip_address", ["10.0.0.1", "10.0.0.2", "10.0.0.3"]),
        ("airports", "latitude", ["40.6413", "51.4700"]),
        ("gl_accounts", "account_number", ["4000", "4100", "5000", "6100"] * 5),
        ("stores", "city", ["Berlin"]),
    ],
)
def test_a_thing_s_attributes_are_not_a_person_s(
    table: str, column: str, values: list[str]
) -> None:
    type_class = "decimal" if column == "latitude" else T
    assert classify(table, {column: (type_class, values)})[column] is None


def test_a_django_user_table() -> None:
    got = classify(
        "auth_user",
        {
            "id": ("integer", ["1"]),
            "password": ["pbkdf2_sha256$600000$abc$def"],
            "last_login": ("datetime", []),
            "is_superuser": ("boolean", []),
            "username": ["ada"],
            "first_name": ["Ada"],
            "last_name": ["Lovelace"],
            "email": ["ada@example.com"],
            "is_staff": ("boolean", []),
            "date_joined": ("datetime", []),
        },
    )
    assert {k: family(v) for k, v in got.items() if v} == {
        "password": "credentials",
        "username": "username",
        "first_name": "name",
        "last_name": "name",
        "email": "email",
    }


def test_a_devise_user_table() -> None:
    got = classify(
        "users",
        {
            "email": [],
            "encrypted_password": [],
            "reset_password_token": [],
            "reset_password_sent_at": ("datetime", []),
            "sign_in_count": ("integer", []),
            "current_sign_in_ip": [],
            "last_sign_in_ip": [],
            "confirmation_token": [],
            "confirmed_at": ("datetime", []),
            "unconfirmed_email": [],
        },
    )
    assert {k: family(v) for k, v in got.items() if v} == {
        "email": "email",
        "encrypted_password": "credentials",
        "reset_password_token": "credentials",
        "current_sign_in_ip": "ip address",
        "last_sign_in_ip": "ip address",
        "confirmation_token": "credentials",
        "unconfirmed_email": "email",
    }


def test_a_northwind_style_customer_and_order() -> None:
    customers = classify(
        "Customers",
        {
            "CustomerID": ["ALFKI"],
            "CompanyName": ["Alfreds Futterkiste"],
            "ContactName": ["Maria Anders"],
            "Address": ["Obere Str. 57"],
            "City": ["Berlin"],
            "PostalCode": ["12209"],
            "Country": ["Germany"],
            "Phone": ["030-0074321"],
            "Fax": ["030-0076545"],
        },
    )
    assert family(customers["ContactName"]) == "name"
    assert {family(customers[c]) for c in ("Address", "City", "PostalCode", "Country")} == {
        "address"
    }
    assert family(customers["Phone"]) == "phone" and family(customers["Fax"]) == "phone"
    orders = classify(
        "Orders",
        {
            "ShipName": ["Maria Anders"],
            "ShipAddress": ["Obere Str. 57"],
            "ShipCity": ["Berlin"],
            "Freight": ("decimal", ["1.5"]),
        },
    )
    assert family(orders["ShipName"]) == "name" and family(orders["ShipCity"]) == "address"
    assert orders["Freight"] is None


def test_values_alone_classify_an_unhelpful_name() -> None:
    got = classify(
        "imports",
        {
            "col1": ["ada@example.com", "bob@example.org", "cy@example.net"],
            "col2": ["4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005"],
            "col3": ["GB82WEST12345698765432"] * 3,
            "col4": ["$2b$12$" + "x" * 53] * 3,
            "col5": ["2125550100", "3105550111", "3125550122"],  # digits only: not on their own
        },
    )
    assert [family(got[c]) for c in ("col1", "col2", "col3", "col4")] == [
        "email",
        "payment card",
        "bank account",
        "credentials",
    ]
    assert got["col5"] is None


def test_a_name_the_values_contradict_defers_to_the_values() -> None:
    got = classify("leads", {"phone": ["ada@example.com"] * 20})
    assert got["phone"] == "user.contact.email"


def test_name_needs_people_and_address_parts_need_each_other() -> None:
    assert classify("people", {"name": ["Ada Lovelace"]})["name"] == "user.name"
    assert classify("things", {"name": ["Ring"]})["name"] is None
    # 'name' beside an e-mail address is a person's, whatever the table is called
    assert (
        classify("t1", {"name": ["Ada Lovelace"], "email": ["ada@example.com"]})["name"]
        == "user.name"
    )
    assert classify("orders", {"state": ["NY"]})["state"] is None
    assert (
        classify("orders", {"state": ["NY"], "city": ["NYC"], "zip": ["10017"]})["state"]
        is not None
    )
    # a store's address is not a person's
    assert classify("stores", {"street": ["1 Main St"], "city": ["NYC"]}) == {
        "street": None,
        "city": None,
    }
    # nor a school's, a hospital ward's, a department's or a mail queue's (opensis's schools,
    # open-hospital's wards, request-tracker's queues); their telephone may be someone's desk
    for table in ("schools", "hospital_wards", "departments", "queues", "agencies"):
        got = classify(table, {"street": ["1 Main St"], "city": ["NYC"]})
        assert got == {"street": None, "city": None}, table


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("dob", "date of birth"),
        ("birth_date", "date of birth"),
        ("gender", "gender"),
        ("ssn", "government id"),
        ("passport_number", "government id"),
        ("iban", "bank account"),
        ("card_number", "payment card"),
        ("stripe_customer_id", "payment card"),
        ("device_id", "device"),
        ("idfa", "device"),
        ("user_agent", "device"),
        ("ip", "ip address"),
        ("latitude", "precise location"),
        ("user_name", "username"),
        ("mobile_number", "phone"),
        ("billing_postal_code", "address"),
        ("api_key", "credentials"),
    ],
)
def test_families_by_name(column: str, expected: str) -> None:
    types = {"latitude": "decimal", "birth_date": "date"}
    got = classify("customers", {column: (types.get(column, T), [])})
    assert family(got[column]) == expected


def test_government_and_professional_ids_as_health_records_and_hr_systems_name_them() -> None:
    # a clinic's providers (nosh), an HR system's employees (icehrm), an ERP's users (dolibarr),
    # a school's people (gibbon): columns that were personal by the weights but of no family
    providers = classify(
        "providers",
        {n: [] for n in ("npi", "upin", "dea", "federaltaxid", "referring_provider_npi")},
    )
    assert set(providers.values()) == {"user.government_id"} | {
        "user.government_id.national_identification_number"
    }
    assert providers["npi"] == providers["dea"] == "user.government_id"
    assert providers["federaltaxid"] == "user.government_id.national_identification_number"
    staff = classify(
        "employees",
        {
            "ssn_num": [],
            "nic_num": [],
            "national_registration_number": [],
            "vehicleRegistration": [],
            "birthCertificateScan": [],
            "immigration_status": [],
            "tax_code": [],  # an Italian codice fiscale
            "ss": [],
        },
    )
    assert staff == {
        "ssn_num": "user.government_id.national_identification_number",
        "nic_num": "user.government_id.national_identification_number",
        "national_registration_number": "user.government_id.national_identification_number",
        "vehicleRegistration": "user.government_id.vehicle_registration",
        "birthCertificateScan": "user.government_id.birth_certificate",
        "immigration_status": "user.government_id.immigration",
        "tax_code": "user.government_id.national_identification_number",
        "ss": "user.government_id.national_identification_number",
    }
    # an invoice line's tax code is a rate's, and `ss` beside a product no one's number
    lines = classify("invoice_lines", {"tax_code": ["VAT20", "VAT5"], "ss": ["S", "M"]})
    assert lines == {"tax_code": None, "ss": None}


def test_mailboxes_of_roles_and_organisations_are_no_one_s() -> None:
    # a help desk's table of mailboxes and a supplier table: the names and addresses are a
    # role's or a company's
    mailboxes = classify(
        "email_accounts",
        {
            "name": ["Support", "Billing", "Sales", "Helpdesk", "Customer Service"],
            "email": [
                "support@acme.com",
                "billing@acme.com",
                "sales@acme.com",
                "helpdesk@acme.com",
                "noreply@acme.com",
            ],
        },
    )
    assert mailboxes == {"name": None, "email": None}
    suppliers = classify(
        "suppliers",
        {
            "name": ["Acme Corp", "Schmidt GmbH", "Dupont S.A.", "Rossi S.p.A."],
            "email": ["orders@acme.com", "info@schmidt.de", "contact@dupont.fr", "sales@rossi.it"],
            "phone": ["+49 30 1234567", "+33 1 23 45 67 89", "+39 06 1234 5678", "+1 212 555 0100"],
            "tax_id": ["DE123456789", "FR12345678901", "IT12345678901", "US12-3456789"],
            "contact_email": ["ada@acme.com", "jo@schmidt.de", "marie@dupont.fr", "gio@rossi.it"],
        },
    )
    assert suppliers == {
        "name": None,
        "email": None,
        "phone": None,
        "tax_id": None,
        "contact_email": "user.contact.email",  # the supplier's contact person
    }
    # a people's table keeps its people
    staff = classify(
        "staff",
        {
            "name": ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
            "email": ["ada@acme.com", "alan@acme.com", "grace@acme.com"],
        },
    )
    assert family(staff["name"]) == "name" and family(staff["email"]) == "email"


def test_a_column_of_people_s_names_is_found_by_its_values_alone() -> None:
    first = ["Ada", "Alan", "Grace", "Linus", "Maria", "James", "Priya", "Ingrid", "Omar", "Chen"]
    last = ["Lovelace", "Turing", "Hopper", "Garcia", "Smith", "Sharma", "Larsen", "Okafor"]
    names = [f"{f} {s}" for f, s in zip(first * 4, last * 5, strict=False)]
    got = classify(
        "forum_posts",
        {
            "poster": names,  # the name says nothing; census name lists read the values
            "topic": ["Re: shipping times", "Welcome", "Rules"] * 10,
            "colour": ["Rose", "Olive", "Violet"] * 10,  # given names, but three of them
        },
    )
    assert got == {"poster": "user.name", "topic": None, "colour": None}


def test_a_bare_account_is_a_bank_s_only_in_a_table_of_bank_details() -> None:
    numbers = ["4821937465", "1029384756", "5647382910", "9081726354"] * 5
    bank = classify(
        "employee_bank_details",
        {"employee_id": ("integer", ["1", "2"]), "account": numbers, "dd_acct": numbers},
    )
    assert bank["account"] == "user.financial.bank_account"
    assert bank["dd_acct"] == "user.financial.bank_account"
    # a routing number beside it says so too, and a `dd_` (direct debit) prefix alone
    beside = classify("emp_payments", {"routing_number": ["021000021"] * 20, "account": numbers})
    assert beside["account"] == "user.financial.bank_account"
    assert classify("emp_payments", {"dd_account": numbers})["dd_account"] == (
        "user.financial.bank_account"
    )
    # a ledger's accounts in a bank table, a user's account name, an account elsewhere: not
    ledger = classify("bank_transactions", {"account": ["4000", "4100", "5000", "6100"] * 5})
    assert ledger["account"] is None
    assert classify("bank_users", {"account": ["ada", "grace", "linus"] * 5})["account"] is None
    assert classify("orders", {"account": numbers})["account"] is None
