import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noTaste } from '../../../shared/catalog/taste.js';
import { taste } from '../../../test/support/catalog-fixtures.js';
import { type Campaign, loadCampaigns, subjectFor } from '../campaigns.js';

function campaign(fields: Partial<Campaign> = {}): Campaign {
  return {
    id: 'weekly',
    name: 'Wochen-Newsletter',
    subject: 'Neue {category} in {size} für dich',
    fallbackSubject: 'Unsere Neuheiten der Woche',
    productCount: 6,
    ...fields,
  };
}

describe('subjectFor', () => {
  it("fills the placeholders from the visitor's top affinities", () => {
    const runner = taste({ sizes: ['XL', 'L'], categories: ['Laufhosen', 'Hemden'] });
    expect(subjectFor(campaign(), runner)).toBe('Neue Laufhosen in XL für dich');
  });

  it('fills brand and colour as well', () => {
    const subject = subjectFor(
      campaign({ subject: '{brand}: neu eingetroffen in {color}' }),
      taste({ brands: ['Nordpfad'], colors: ['blau', 'rot'] }),
    );
    expect(subject).toBe('Nordpfad: neu eingetroffen in blau');
  });

  it('falls back to the general subject when one placeholder has no value', () => {
    expect(subjectFor(campaign(), taste({ categories: ['Laufhosen'] }))).toBe('Unsere Neuheiten der Woche');
  });

  it('falls back for a visitor the profile knows nothing about', () => {
    expect(subjectFor(campaign(), noTaste)).toBe('Unsere Neuheiten der Woche');
  });

  it('keeps a subject without placeholders as it is', () => {
    expect(subjectFor(campaign({ subject: 'Sommerschlussverkauf' }), noTaste)).toBe('Sommerschlussverkauf');
  });
});

describe('loadCampaigns', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'campaigns-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function fileWith(content: string): Promise<string> {
    const path = join(directory, 'campaigns.json');
    await writeFile(path, content);
    return path;
  }

  /** The message loading `path` fails with. */
  async function rejectionOf(path: string): Promise<string> {
    const error = await loadCampaigns(path).then(
      () => {
        throw new Error(`loadCampaigns accepted ${path}`);
      },
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }

  it('accepts the shipped campaigns file', async () => {
    const campaigns = await loadCampaigns(fileURLToPath(new URL('../campaigns.json', import.meta.url)));
    expect(campaigns.get('weekly')).toMatchObject({ subject: 'Neue {category} in {size} für dich' });
  });

  it('reads every campaign by its id', async () => {
    const path = await fileWith(
      JSON.stringify([campaign(), campaign({ id: 'brand-love', productCount: 4 })]),
    );
    const campaigns = await loadCampaigns(path);
    expect([...campaigns.keys()]).toEqual(['weekly', 'brand-love']);
    expect(campaigns.get('brand-love')?.productCount).toBe(4);
  });

  it('rejects an unknown placeholder, naming the file, the field and the placeholder', async () => {
    const path = await fileWith(JSON.stringify([campaign({ subject: 'Neu in {farbe}' })]));
    const message = await rejectionOf(path);
    expect(message).toContain(path);
    expect(message).toContain('0.subject');
    expect(message).toContain(
      '0.subject: may use only the placeholders {size} {color} {brand} {category}, found {farbe}',
    );
  });

  it('rejects an unknown placeholder spelled with umlauts, which would reach the subject as it is', async () => {
    const path = await fileWith(JSON.stringify([campaign({ subject: 'Neu in deiner {Größe}' })]));
    const message = await rejectionOf(path);
    expect(message).toContain('0.subject');
    expect(message).toContain('found {Größe}');
  });

  it('names every unknown placeholder once, and none of the known ones', async () => {
    const subject = '{farbe} und {size}: {marke}, wieder {farbe}, {}';
    const path = await fileWith(JSON.stringify([campaign({ subject })]));
    expect(await rejectionOf(path)).toMatch(/0\.subject: [^;]*, found \{farbe\} \{marke\} \{\}$/);
  });

  it('rejects duplicate campaign ids, naming the file and the id', async () => {
    const path = await fileWith(JSON.stringify([campaign(), campaign({ name: 'Noch einmal' })]));
    const message = await rejectionOf(path);
    expect(message).toContain(path);
    expect(message).toContain('ids must be unique');
    expect(message).toContain('campaign ids must be unique, found more than once: "weekly"');
  });

  it('names each repeated id once, and none of the ids that occur once', async () => {
    const path = await fileWith(
      JSON.stringify([
        campaign(),
        campaign({ id: 'brand-love' }),
        campaign({ id: 'sale' }),
        campaign(),
        campaign({ id: 'brand-love' }),
        campaign(),
      ]),
    );
    const message = await rejectionOf(path);
    expect(message).toMatch(
      /file: campaign ids must be unique, found more than once: "weekly", "brand-love"$/,
    );
    expect(message).not.toContain('sale');
  });

  it('rejects a campaign with a missing field, naming the file and the field', async () => {
    const { fallbackSubject: _, ...incomplete } = campaign();
    const path = await fileWith(JSON.stringify([campaign({ id: 'complete' }), incomplete]));
    const message = await rejectionOf(path);
    expect(message).toContain(path);
    expect(message).toContain('1.fallbackSubject');
  });

  it('rejects an empty list of campaigns', async () => {
    expect(await rejectionOf(await fileWith('[]'))).toContain('file:');
  });

  it("rejects a file that is not JSON, naming the file and the parser's complaint", async () => {
    const content = '[{ "id": "weekly", ';
    const path = await fileWith(content);
    const parserMessage = (() => {
      try {
        JSON.parse(content);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected the content not to parse');
    })();
    const message = await rejectionOf(path);
    expect(message).toContain(path);
    expect(message).toBe(`campaigns file ${path} is not valid JSON: ${parserMessage}`);
  });

  it('rejects a missing file, naming the file', async () => {
    const path = join(directory, 'missing.json');
    const message = await rejectionOf(path);
    expect(message).toContain(path);
    expect(message).toContain(`campaigns file ${path} cannot be read: ENOENT`);
  });
});
