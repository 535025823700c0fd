// Every entry and relationship whose policy quotes contain a phrase (case-insensitive): where does the policy say this, and what rests on it?
// :param text  a phrase, e.g. next of kin
MATCH (n:Datamap)
WHERE any(q IN coalesce(n.quotes, []) WHERE toLower(q) CONTAINS toLower($text))
RETURN n.id AS id, n.name AS name, labels(n) AS labels,
       [q IN n.quotes WHERE toLower(q) CONTAINS toLower($text)] AS quotes
ORDER BY name
