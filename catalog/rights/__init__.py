"""Subject-rights plans: a person's access or erasure request, planned against a scanned
database and checked against it before anyone runs it.

From a seed (a column and a value naming one person), the plan follows the database's foreign
keys, and identity columns where no key says so, to every table holding that person's rows;
counts them (read-only); picks an action per table and column (delete, null, pseudonymise, or
keep because a retention rule of the inventory says so, with its sentence); orders erasure
children first; lists the personal tables it cannot reach and why; and names the recipients
to tell. It prints as a readable answer, JSON, SQL in the database's dialect, or Fides datasets.

    from_inventory.py  what the inventory says: the system's fields, retention rules, recipients
    database.py        the database: its URL, a read-only connection, its tables and keys
    reach.py           which tables hold the person's rows, and how each is reached
    retention.py       which retention rules keep a field despite an erasure request
    steps.py           actions per table and column, their statements, order and counts
    plan.py            the plan: the seed, the steps, what cannot be reached, whom to tell
    sql.py             the plan as statements, and the access export (the only place values show)
    fides_plan.py      the plan as fideslang datasets
    model.py           the plan's JSON shape and the errors
"""
