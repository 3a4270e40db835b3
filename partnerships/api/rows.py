"""An agreement's terms and its lists of rows (parties, obligations, contacts) as ``services.agreement_create``
and ``services.agreement_update`` take them, from what the API was sent."""

from partnerships import services

ROW_FIELDS = {
    "parties": services.PARTY_FIELDS,
    "obligations": services.OBLIGATION_FIELDS,
    "contacts": services.CONTACT_FIELDS,
}


def agreement_terms(data):
    return {field: data[field] for field in services.AGREEMENT_FIELDS if field in data}


def current_rows(agreement):
    """The agreement's parties, obligations and contacts as the service takes them, each with its id."""
    return {
        name: [
            {"id": row.pk, **{field: getattr(row, field) for field in fields}}
            for row in getattr(agreement, name).order_by("pk")
        ]
        for name, fields in ROW_FIELDS.items()
    }


def rows_for_update(agreement, data):
    """The lists for ``services.agreement_update``: a list left out stays as it is; in a list given, a row with
    the id of one of the agreement's rows keeps the values of the fields it leaves out."""
    current = current_rows(agreement)
    rows = {}
    for name in ROW_FIELDS:
        if name not in data:
            rows[name] = current[name]
            continue
        existing = {row["id"]: row for row in current[name]}
        rows[name] = [{**existing.get(row.get("id"), {}), **row} for row in data[name]]
    return rows
