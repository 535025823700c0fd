"""Every export by kind: `datamap export KIND`, the pack and `GET /ropa` read this one table."""

from __future__ import annotations

from catalog.exports import cnil, fides_export, pack
from catalog.exports.documents import CCPA_DISCLOSURES, JSONLD, PIPL_RECORD, PROVENANCE, RECORD
from catalog.exports.formats import Export

EXPORTS: dict[str, Export] = {
    e.kind: e
    for e in (
        RECORD,
        CCPA_DISCLOSURES,
        PIPL_RECORD,
        cnil.SHEETS,
        JSONLD,
        PROVENANCE,
        pack.PACK,
        fides_export.MANIFESTS,
    )
}
