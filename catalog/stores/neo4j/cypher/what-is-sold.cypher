// What is sold or shared (CCPA): each third party, the categories, whether it is a sale or a share, the opt-outs that apply, and the policy's words.
MATCH (d:Disclosure)-[:TO]->(r:Recipient)
WHERE d.sale = true OR d.share = true
MATCH (d)-[:OF]->(c:DataCategory)
OPTIONAL MATCH (a:ProcessingActivity)-[:DISCLOSES]->(d)
OPTIONAL MATCH (ch:Choice)-[:APPLIES_TO]->(x) WHERE x = r OR x = a OR x = d
RETURN r.name AS third_party, d.sale AS sale, d.share AS share,
       collect(DISTINCT c.name) AS categories, collect(DISTINCT ch.name) AS opt_outs,
       d.quotes AS policy_says
ORDER BY third_party
