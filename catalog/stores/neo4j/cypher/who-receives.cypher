// Who receives a data category: recipients of disclosures of the category, of everything grouped beneath it, and of the broader categories it belongs to (general statements about "personal information"), with the policy's words, and datamap's reading where every link carrying the data rests on one.
// :param category  id of a DataCategory or item, e.g. payment-information
MATCH (c:DataCategory {id: $category})
OPTIONAL MATCH (c)-[:PART_OF*0..]->(up:DataCategory)
OPTIONAL MATCH (down:DataCategory)-[:PART_OF*0..]->(c)
WITH collect(DISTINCT up) + collect(DISTINCT down) AS family
UNWIND family AS cat
MATCH (d:Disclosure)-[of:OF]->(cat)
MATCH (d)-[:TO]->(r:Recipient)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
RETURN r.id AS recipient, r.name AS name, r.role AS role,
       d.general AS general, d.sale AS sale, d.share AS share,
       a.name AS activity, collect(DISTINCT cat.id) AS via_categories, d.quotes AS policy_says,
       CASE WHEN all(x IN collect(of.inferred) WHERE x IS NOT NULL)
            THEN head(collect(of.inferred)) ELSE null END AS by_datamaps_reading
ORDER BY general, name, activity
