import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { emptyPlan, examplePlan, messyPlan, unsafePlan } from './plans.js';

// Golden files are reviewed like code. After an intended change: `npx vitest run test/render -u`,
// then read the diff of test/render/golden/.
const plans = { empty: emptyPlan, example: examplePlan, messy: messyPlan, unsafe: unsafePlan };

describe.each(Object.entries(plans))('golden: %s plan', (name, make) => {
  it('markdown', async () => {
    await expect(renderMarkdown(make(), { runUrl: 'https://github.com/acme/access/actions/runs/42' })).toMatchFileSnapshot(`golden/${name}.md`);
  });
  it('text', async () => {
    await expect(renderText(make())).toMatchFileSnapshot(`golden/${name}.txt`);
  });
  it('text with colour', async () => {
    await expect(renderText(make(), { color: true })).toMatchFileSnapshot(`golden/${name}.color.txt`);
  });
  it('json', async () => {
    await expect(renderJson(make())).toMatchFileSnapshot(`golden/${name}.json`);
  });
});
