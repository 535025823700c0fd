"""A labelled corpus of real-world schemas for the scanner's precision and recall.

Column names and types as the projects ship them (Northwind, Chinook, Sakila, AdventureWorks,
Django, WordPress, Devise/Rails, Magento, PrestaShop, Moodle, Discourse, Mastodon, OpenMRS, an
HR schema, Stripe and Shopify exports), each labelled with the family a DPO would file it
under, or None when it is not personal data. Values are given where a real table would make
them plain (so the recognisers are measured too); elsewhere the name and type are all there is.

Labels follow one reading throughout: a person's contact, identity, credentials and location
are personal; a company's name, a product's attributes, timestamps and counters are not; a
foreign key to a person is "other" personal (a join key, not a family the benchmark scores).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

R = random.Random(11)
T, INT, D, DT, B, F, BIN = "text", "integer", "date", "datetime", "boolean", "decimal", "binary"

FIRST = "Ada Grace Alan Emma Liam Olivia Noah Sophia Lucas Mia Hiro Aiko Ngozi Mateo".split()
LAST = "Lovelace Hopper Turing Noether Chen Garcia Smith Müller Rossi Okafor Silva".split()


def _many(make: Callable[[int], str], n: int = 30) -> list[str]:
    return [make(i) for i in range(n)]


EMAILS = _many(lambda i: f"{R.choice(FIRST).lower()}.{i}@example.com")
PHONES = _many(lambda i: f"+1 ({R.randint(201, 989)}) 555-{R.randint(1000, 9999)}")
NAMES = _many(lambda i: R.choice(FIRST))
LASTS = _many(lambda i: R.choice(LAST))
FULL = _many(lambda i: f"{R.choice(FIRST)} {R.choice(LAST)}")
IPS = _many(
    lambda i: f"{R.randint(11, 223)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
)
DOBS = _many(lambda i: f"{R.randint(1940, 2005)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}")
ZIPS = _many(lambda i: f"{R.randint(10000, 99999)}")
CITIES = _many(lambda i: R.choice(["Berlin", "Lyon", "Austin", "Osaka", "Lagos"]))
STREETS = _many(
    lambda i: f"{R.randint(1, 999)} {R.choice(['Main St', 'Elm Ave', 'Rue Victor Hugo'])}"
)
HASHES = _many(
    lambda i: "pbkdf2_sha256$600000$" + "".join(R.choice("abcdef0123456789") for _ in range(22))
)
UAS = _many(
    lambda i: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
)
CODES = _many(lambda i: str(R.randint(100, 9999)))
SKUS = _many(lambda i: f"SKU-{R.randint(1000, 9999)}")
VERSIONS = _many(
    lambda i: f"{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 99)}"
)
STATUSES = _many(lambda i: R.choice(["pending", "shipped", "cancelled"]))
GENDERS = _many(lambda i: R.choice(["M", "F"]))
PRODUCTS = _many(
    lambda i: f"{R.choice(['Chai', 'Chang', 'Tofu', 'Ikura'])} {R.choice(['Large', 'Organic'])}"
)
COUNTRIES = _many(lambda i: R.choice(["Germany", "France", "USA", "Japan"]))


@dataclass(frozen=True)
class Col:
    name: str
    type: str
    family: str | None  # None: not personal; "other": personal, outside the scored families
    values: tuple[str, ...] = ()


def c(name: str, type_: str, family: str | None, values: list[str] | None = None) -> Col:
    return Col(name, type_, family, tuple(values or ()))


CORPUS: list[tuple[str, str, list[Col]]] = [
    (
        "northwind",
        "Customers",
        [
            c("CustomerID", T, "other"),
            c("CompanyName", T, None),
            c("ContactName", T, "name", FULL),
            c("ContactTitle", T, "other"),
            c("Address", T, "address", STREETS),
            c("City", T, "address", CITIES),
            c("Region", T, "address"),
            c("PostalCode", T, "address", ZIPS),
            c("Country", T, "address", COUNTRIES),
            c("Phone", T, "phone", PHONES),
            c("Fax", T, "phone", PHONES),
        ],
    ),
    (
        "northwind",
        "Employees",
        [
            c("EmployeeID", INT, None),
            c("LastName", T, "name", LASTS),
            c("FirstName", T, "name", NAMES),
            c("Title", T, None),
            c("TitleOfCourtesy", T, None),
            c("BirthDate", DT, "date of birth", DOBS),
            c("HireDate", DT, None),
            c("Address", T, "address", STREETS),
            c("City", T, "address", CITIES),
            c("Region", T, "address"),
            c("PostalCode", T, "address", ZIPS),
            c("Country", T, "address"),
            c("HomePhone", T, "phone", PHONES),
            c("Extension", T, None),
            c("Photo", BIN, "other"),
            c("Notes", T, None),
            c("ReportsTo", INT, None),
            c("PhotoPath", T, None),
        ],
    ),
    (
        "northwind",
        "Orders",
        [
            c("OrderID", INT, None),
            c("CustomerID", T, "other"),
            c("EmployeeID", INT, "other"),
            c("OrderDate", DT, None),
            c("RequiredDate", DT, None),
            c("ShippedDate", DT, None),
            c("ShipVia", INT, None),
            c("Freight", F, None),
            c("ShipName", T, "name", FULL),
            c("ShipAddress", T, "address", STREETS),
            c("ShipCity", T, "address", CITIES),
            c("ShipRegion", T, "address"),
            c("ShipPostalCode", T, "address", ZIPS),
            c("ShipCountry", T, "address"),
        ],
    ),
    (
        "northwind",
        "Products",
        [
            c("ProductID", INT, None),
            c("ProductName", T, None, PRODUCTS),
            c("SupplierID", INT, None),
            c("CategoryID", INT, None),
            c("QuantityPerUnit", T, None),
            c("UnitPrice", F, None),
            c("UnitsInStock", INT, None),
            c("Discontinued", B, None),
        ],
    ),
    (
        "northwind",
        "Shippers",
        # a shipping company's switchboard: the company's number, as issue 27 counts an
        # organisation's contact columns (labelled a person's phone until 2026-12-06)
        [c("ShipperID", INT, None), c("CompanyName", T, None), c("Phone", T, None, PHONES)],
    ),
    (
        "chinook",
        "Customer",
        [
            c("CustomerId", INT, None),
            c("FirstName", T, "name", NAMES),
            c("LastName", T, "name", LASTS),
            c("Company", T, None),
            c("Address", T, "address", STREETS),
            c("City", T, "address", CITIES),
            c("State", T, "address"),
            c("Country", T, "address", COUNTRIES),
            c("PostalCode", T, "address", ZIPS),
            c("Phone", T, "phone", PHONES),
            c("Fax", T, "phone"),
            c("Email", T, "email", EMAILS),
            c("SupportRepId", INT, None),
        ],
    ),
    (
        "chinook",
        "Invoice",
        [
            c("InvoiceId", INT, None),
            c("CustomerId", INT, "other"),
            c("InvoiceDate", DT, None),
            c("BillingAddress", T, "address", STREETS),
            c("BillingCity", T, "address", CITIES),
            c("BillingState", T, "address"),
            c("BillingCountry", T, "address"),
            c("BillingPostalCode", T, "address", ZIPS),
            c("Total", F, None),
        ],
    ),
    (
        "chinook",
        "Track",
        [
            c("TrackId", INT, None),
            c("Name", T, None, PRODUCTS),
            c("AlbumId", INT, None),
            c("MediaTypeId", INT, None),
            c("GenreId", INT, None),
            c("Milliseconds", INT, None),
            c("Bytes", INT, None),
            c("UnitPrice", F, None),
        ],
    ),
    (
        "sakila",
        "customer",
        [
            c("customer_id", INT, None),
            c("store_id", INT, None),
            c("first_name", T, "name", NAMES),
            c("last_name", T, "name", LASTS),
            c("email", T, "email", EMAILS),
            c("address_id", INT, None),
            c("active", B, None),
            c("create_date", DT, None),
            c("last_update", DT, None),
        ],
    ),
    (
        "sakila",
        "address",
        [
            c("address_id", INT, None),
            c("address", T, "address", STREETS),
            c("address2", T, "address"),
            c("district", T, "address"),
            c("city_id", INT, None),
            c("postal_code", T, "address", ZIPS),
            c("phone", T, "phone", PHONES),
            c("location", "geometry", "precise location"),
            c("last_update", DT, None),
        ],
    ),
    (
        "sakila",
        "staff",
        [
            c("staff_id", INT, None),
            c("first_name", T, "name", NAMES),
            c("last_name", T, "name", LASTS),
            c("address_id", INT, None),
            c("picture", BIN, "other"),
            c("email", T, "email", EMAILS),
            c("store_id", INT, None),
            c("active", B, None),
            c("username", T, "username"),
            c("password", T, "credentials"),
            c("last_update", DT, None),
        ],
    ),
    (
        "sakila",
        "film",
        [
            c("film_id", INT, None),
            c("title", T, None),
            c("description", T, None),
            c("release_year", INT, None),
            c("language_id", INT, None),
            c("rental_duration", INT, None),
            c("length", INT, None),
            c("rating", T, None),
            c("special_features", T, None),
        ],
    ),
    (
        "adventureworks",
        "Person",
        [
            c("BusinessEntityID", INT, None),
            c("PersonType", T, None),
            c("NameStyle", B, None),
            c("Title", T, None),
            c("FirstName", T, "name", NAMES),
            c("MiddleName", T, "name"),
            c("LastName", T, "name", LASTS),
            c("Suffix", T, None),
            c("EmailPromotion", INT, None),
            c("ModifiedDate", DT, None),
        ],
    ),
    (
        "adventureworks",
        "EmailAddress",
        [
            c("BusinessEntityID", INT, None),
            c("EmailAddressID", INT, None),
            c("EmailAddress", T, "email", EMAILS),
            c("ModifiedDate", DT, None),
        ],
    ),
    (
        "adventureworks",
        "PersonPhone",
        [
            c("BusinessEntityID", INT, None),
            c("PhoneNumber", T, "phone", PHONES),
            c("PhoneNumberTypeID", INT, None),
        ],
    ),
    (
        "adventureworks",
        "Password",
        [
            c("BusinessEntityID", INT, None),
            c("PasswordHash", T, "credentials"),
            c("PasswordSalt", T, "credentials"),
        ],
    ),
    (
        "adventureworks",
        "CreditCard",
        [
            c("CreditCardID", INT, None),
            c("CardType", T, None),
            c("CardNumber", T, "payment card"),
            c("ExpMonth", INT, "payment card"),
            c("ExpYear", INT, "payment card"),
            c("ModifiedDate", DT, None),
        ],
    ),
    (
        "adventureworks",
        "Employee",
        [
            c("BusinessEntityID", INT, None),
            c("NationalIDNumber", T, "government id"),
            c("LoginID", T, "username"),
            c("JobTitle", T, "other"),
            c("BirthDate", D, "date of birth", DOBS),
            c("MaritalStatus", T, "other"),
            c("Gender", T, "gender", GENDERS),
            c("HireDate", D, None),
            c("SalariedFlag", B, None),
            c("VacationHours", INT, None),
            c("SickLeaveHours", INT, None),
        ],
    ),
    (
        "adventureworks",
        "Address",
        [
            c("AddressID", INT, None),
            c("AddressLine1", T, "address", STREETS),
            c("AddressLine2", T, "address"),
            c("City", T, "address", CITIES),
            c("StateProvinceID", INT, None),
            c("PostalCode", T, "address", ZIPS),
            c("SpatialLocation", "geography", "precise location"),
        ],
    ),
    (
        "django",
        "auth_user",
        [
            c("id", INT, None),
            c("password", T, "credentials", HASHES),
            c("last_login", DT, None),
            c("is_superuser", B, None),
            c("username", T, "username"),
            c("first_name", T, "name", NAMES),
            c("last_name", T, "name", LASTS),
            c("email", T, "email", EMAILS),
            c("is_staff", B, None),
            c("is_active", B, None),
            c("date_joined", DT, None),
        ],
    ),
    (
        "django",
        "django_session",
        [
            c("session_key", T, "credentials"),
            c("session_data", T, None),
            c("expire_date", DT, None),
        ],
    ),
    (
        "wordpress",
        "wp_users",
        [
            c("ID", INT, None),
            c("user_login", T, "username"),
            c("user_pass", T, "credentials"),
            c("user_nicename", T, "username"),
            c("user_email", T, "email", EMAILS),
            c("user_url", T, "other"),
            c("user_registered", DT, None),
            c("user_activation_key", T, "credentials"),
            c("user_status", INT, None),
            c("display_name", T, "name", FULL),
        ],
    ),
    (
        "wordpress",
        "wp_comments",
        [
            c("comment_ID", INT, None),
            c("comment_post_ID", INT, None),
            c("comment_author", T, "name", FULL),
            c("comment_author_email", T, "email", EMAILS),
            c("comment_author_url", T, "other"),
            c("comment_author_IP", T, "ip address", IPS),
            c("comment_date", DT, None),
            c("comment_content", T, None),
            c("comment_approved", T, None),
            c("comment_agent", T, "device", UAS),
            c("user_id", INT, "other"),
        ],
    ),
    (
        "wordpress",
        "wp_posts",
        [
            c("ID", INT, None),
            c("post_author", INT, None),
            c("post_date", DT, None),
            c("post_content", T, None),
            c("post_title", T, None),
            c("post_status", T, None),
            c("post_name", T, None),
            c("guid", T, None),
        ],
    ),
    (
        "rails-devise",
        "users",
        [
            c("id", INT, None),
            c("email", T, "email", EMAILS),
            c("encrypted_password", T, "credentials"),
            c("reset_password_token", T, "credentials"),
            c("reset_password_sent_at", DT, None),
            c("remember_created_at", DT, None),
            c("sign_in_count", INT, None),
            c("current_sign_in_at", DT, None),
            c("last_sign_in_at", DT, None),
            c("current_sign_in_ip", "inet", "ip address", IPS),
            c("last_sign_in_ip", "inet", "ip address", IPS),
            c("confirmation_token", T, "credentials"),
            c("confirmed_at", DT, None),
            c("confirmation_sent_at", DT, None),
            c("unconfirmed_email", T, "email"),
            c("failed_attempts", INT, None),
            c("unlock_token", T, "credentials"),
            c("locked_at", DT, None),
        ],
    ),
    (
        "magento",
        "customer_entity",
        [
            c("entity_id", INT, None),
            c("website_id", INT, None),
            c("email", T, "email", EMAILS),
            c("group_id", INT, None),
            c("created_at", DT, None),
            c("is_active", B, None),
            c("firstname", T, "name", NAMES),
            c("middlename", T, "name"),
            c("lastname", T, "name", LASTS),
            c("dob", D, "date of birth", DOBS),
            c("password_hash", T, "credentials"),
            c("rp_token", T, "credentials"),
            c("taxvat", T, "government id"),
            c("gender", INT, "gender"),
            c("failures_num", INT, None),
        ],
    ),
    (
        "magento",
        "sales_order_address",
        [
            c("entity_id", INT, None),
            c("parent_id", INT, None),
            c("region", T, "address"),
            c("postcode", T, "address", ZIPS),
            c("lastname", T, "name", LASTS),
            c("street", T, "address", STREETS),
            c("city", T, "address", CITIES),
            c("email", T, "email", EMAILS),
            c("telephone", T, "phone", PHONES),
            c("country_id", T, "address"),
            c("firstname", T, "name", NAMES),
            c("address_type", T, None),
            c("company", T, None),
        ],
    ),
    (
        "prestashop",
        "ps_customer",
        [
            c("id_customer", INT, None),
            c("id_gender", INT, "gender"),
            c("company", T, None),
            c("siret", T, None),
            c("firstname", T, "name", NAMES),
            c("lastname", T, "name", LASTS),
            c("email", T, "email", EMAILS),
            c("passwd", T, "credentials"),
            c("last_passwd_gen", DT, None),
            c("birthday", D, "date of birth", DOBS),
            c("newsletter", B, None),
            c("ip_registration_newsletter", T, "ip address", IPS),
            c("optin", B, None),
            c("website", T, "other"),
            c("secure_key", T, "credentials"),
            c("note", T, None),
            c("active", B, None),
            c("date_add", DT, None),
        ],
    ),
    (
        "moodle",
        "mdl_user",
        [
            c("id", INT, None),
            c("auth", T, None),
            c("username", T, "username"),
            c("password", T, "credentials"),
            c("idnumber", T, "other"),
            c("firstname", T, "name", NAMES),
            c("lastname", T, "name", LASTS),
            c("email", T, "email", EMAILS),
            c("phone1", T, "phone", PHONES),
            c("phone2", T, "phone"),
            c("institution", T, None),
            c("department", T, None),
            c("address", T, "address", STREETS),
            c("city", T, "address", CITIES),
            c("country", T, "address"),
            c("lang", T, "other"),
            c("timezone", T, None),
            c("firstaccess", INT, None),
            c("lastip", T, "ip address", IPS),
            c("secret", T, "credentials"),
            c("picture", INT, None),
            c("description", T, None),
            c("alternatename", T, "name"),
        ],
    ),
    (
        "discourse",
        "users",
        [
            c("id", INT, None),
            c("username", T, "username"),
            c("created_at", DT, None),
            c("name", T, "name", FULL),
            c("seen_notification_id", INT, None),
            c("last_posted_at", DT, None),
            c("password_hash", T, "credentials"),
            c("salt", T, "credentials"),
            c("active", B, None),
            c("username_lower", T, "username"),
            c("last_seen_at", DT, None),
            c("admin", B, None),
            c("trust_level", INT, None),
            c("ip_address", "inet", "ip address", IPS),
            c("registration_ip_address", "inet", "ip address", IPS),
            c("date_of_birth", D, "date of birth"),
            c("locale", T, "other"),
        ],
    ),
    (
        "mastodon",
        "accounts",
        [
            c("id", INT, None),
            c("username", T, "username"),
            c("domain", T, None),
            c("display_name", T, "name", FULL),
            c("note", T, None),
            c("uri", T, None),
            c("url", T, None),
            c("avatar_file_name", T, None),
            c("locked", B, None),
            c("followers_url", T, None),
            c("discoverable", B, None),
        ],
    ),
    (
        "openmrs",
        "person",
        [
            c("person_id", INT, None),
            c("gender", T, "gender", GENDERS),
            c("birthdate", D, "date of birth", DOBS),
            c("birthdate_estimated", B, None),
            c("dead", B, None),
            c("death_date", DT, "other"),
            c("cause_of_death", INT, "other"),
            c("date_created", DT, None),
            c("voided", B, None),
            c("uuid", T, None),
        ],
    ),
    (
        "openmrs",
        "person_name",
        [
            c("person_name_id", INT, None),
            c("preferred", B, None),
            c("person_id", INT, "other"),
            c("prefix", T, None),
            c("given_name", T, "name", NAMES),
            c("middle_name", T, "name"),
            c("family_name", T, "name", LASTS),
            c("family_name2", T, "name"),
            c("degree", T, None),
        ],
    ),
    (
        "openmrs",
        "person_address",
        [
            c("person_address_id", INT, None),
            c("person_id", INT, "other"),
            c("address1", T, "address", STREETS),
            c("address2", T, "address"),
            c("city_village", T, "address", CITIES),
            c("state_province", T, "address"),
            c("postal_code", T, "address", ZIPS),
            c("country", T, "address"),
            c("latitude", T, "precise location"),
            c("longitude", T, "precise location"),
            c("county_district", T, "address"),
        ],
    ),
    (
        "hr",
        "employees",
        [
            c("employee_id", INT, None),
            c("first_name", T, "name", NAMES),
            c("last_name", T, "name", LASTS),
            c("email", T, "email", EMAILS),
            c("phone_number", T, "phone", PHONES),
            c("hire_date", D, None),
            c("job_id", T, None),
            c("salary", F, "other"),
            c("commission_pct", F, None),
            c("manager_id", INT, None),
            c("department_id", INT, None),
            c("ssn", T, "government id"),
            c("date_of_birth", D, "date of birth", DOBS),
            c("sex", T, "gender", GENDERS),
            c("bank_account_number", T, "bank account"),
            c("iban", T, "bank account"),
            c("emergency_contact_name", T, "name", FULL),
            c("emergency_contact_phone", T, "phone", PHONES),
            c("passport_number", T, "government id"),
            c("home_address", T, "address", STREETS),
        ],
    ),
    (
        "hr",
        "departments",
        [
            c("department_id", INT, None),
            c("department_name", T, None),
            c("manager_id", INT, None),
            c("location_id", INT, None),
        ],
    ),
    (
        "hr",
        "locations",
        [
            c("location_id", INT, None),
            c("street_address", T, None),
            c("postal_code", T, None),
            c("city", T, None),
            c("state_province", T, None),
            c("country_id", T, None),
        ],
    ),
    (
        "stripe-export",
        "customers",
        [
            c("id", T, "payment card", [f"cus_{R.getrandbits(64):016x}" for _ in range(30)]),
            c("email", T, "email", EMAILS),
            c("name", T, "name", FULL),
            c("phone", T, "phone", PHONES),
            c("description", T, None),
            c("created", DT, None),
            c("currency", T, None),
            c("delinquent", B, None),
            c("address_line1", T, "address", STREETS),
            c("address_city", T, "address", CITIES),
            c("address_postal_code", T, "address", ZIPS),
            c("address_country", T, "address"),
            c(
                "default_payment_method",
                T,
                "payment card",
                [f"pm_{R.getrandbits(64):016x}" for _ in range(30)],
            ),
        ],
    ),
    (
        "shopify-export",
        "orders",
        [
            c("Name", T, None, [f"#{1000 + i}" for i in range(30)]),
            c("Email", T, "email", EMAILS),
            c("Financial Status", T, None),
            c("Paid at", DT, None),
            c("Fulfillment Status", T, None),
            c("Currency", T, None),
            c("Subtotal", F, None),
            c("Billing Name", T, "name", FULL),
            c("Billing Street", T, "address", STREETS),
            c("Billing City", T, "address", CITIES),
            c("Billing Zip", T, "address", ZIPS),
            c("Billing Province", T, "address"),
            c("Billing Country", T, "address"),
            c("Billing Phone", T, "phone", PHONES),
            c("Shipping Name", T, "name", FULL),
            c("Shipping Address1", T, "address", STREETS),
            c("Lineitem name", T, None, PRODUCTS),
            c("Lineitem sku", T, None, SKUS),
            c("Notes", T, None),
        ],
    ),
    (
        "shopify-export",
        "products",
        [
            c("Handle", T, None),
            c("Title", T, None),
            c("Vendor", T, None),
            c("Type", T, None),
            c("Variant SKU", T, None, SKUS),
            c("Variant Barcode", T, None),
            c("Country of Origin", T, None),
            c("Variant Price", F, None),
            c("Status", T, None, STATUSES),
            c("Code", T, None, CODES),
            c("Version", T, None, VERSIONS),
        ],
    ),
    (
        "analytics",
        "events",
        [
            c("event_id", T, None),
            c("anonymous_id", T, "device"),
            c("user_id", T, "other"),
            c("event_name", T, None),
            c("ip", T, "ip address", IPS),
            c("user_agent", T, "device", UAS),
            c("device_id", T, "device"),
            c("idfa", T, "device"),
            c("geo_lat", F, "precise location"),
            c("geo_lon", F, "precise location"),
            c("page_url", T, None),
            c("received_at", DT, None),
            c("app_version", T, None, VERSIONS),
            c("os_version", T, None),
        ],
    ),
    (
        "crm",
        "contacts",
        [
            c("id", INT, None),
            c("salutation", T, None),
            c("first_name", T, "name", NAMES),
            c("last_name", T, "name", LASTS),
            c("title", T, None),
            c("department", T, None),
            c("birthdate", D, "date of birth", DOBS),
            c("phone_home", T, "phone", PHONES),
            c("phone_mobile", T, "phone", PHONES),
            c("phone_work", T, "phone"),
            c("phone_fax", T, "phone"),
            c("primary_address_street", T, "address", STREETS),
            c("primary_address_city", T, "address", CITIES),
            c("primary_address_postalcode", T, "address", ZIPS),
            c("email_opt_out", B, None),
            c("do_not_call", B, None),
            c("lead_source", T, None),
            c("assistant", T, None),
        ],
    ),
]


def columns() -> list[tuple[str, str, Col]]:
    return [(source, table, col) for source, table, cols in CORPUS for col in cols]
