// Checks Cypher statements with Neo4j's own front end (parser and semantic analysis, from
// @neo4j-cypher/language-support). Reads {labels, relationshipTypes, statements: [{text,
// params}]} as JSON on stdin; writes, per statement, its diagnostics as JSON on stdout.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const input = JSON.parse(readFileSync(0, 'utf8'));
const out = input.statements.map(({ text, params }) => {
  const schema = {
    defaultLanguage: 'CYPHER 5',
    labels: input.labels,
    relationshipTypes: input.relationshipTypes,
    parameters: Object.fromEntries(params.map((name) => [name, null])),
  };
  const { diagnostics } = lintCypherQuery(text, schema, { consoleCommandsEnabled: false });
  return diagnostics.map((d) => ({ severity: SEVERITY[d.severity] ?? String(d.severity), message: d.message }));
});
process.stdout.write(JSON.stringify(out));
