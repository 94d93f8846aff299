import { readFileSync } from 'node:fs';
import { featureTable, QUERY_RESOURCES } from '../src/odata/feature-table.js';

describe('OData feature table', () => {
  it('has a row per resource the engine answers, naming each filterable property and each relationship', () => {
    const table = featureTable().split('\n');
    expect(table).toHaveLength(2 + QUERY_RESOURCES.length);
    for (const { schema } of QUERY_RESOURCES) {
      const row = table.find((line) => line.startsWith(`| \`${schema.type}\``))!;
      expect(row).toBeDefined();
      for (const property of schema.properties.filter((p) => p.filter)) expect(row).toContain(`\`${property.name}\``);
      for (const relationship of Object.keys(schema.expand)) expect(row).toContain(relationship);
    }
  });
});

describe("the README's table of what the emulator implements", () => {
  it('is the table the engine answers from, as it is today', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(featureTable());
  });
});
