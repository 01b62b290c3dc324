import { readFile } from 'node:fs/promises';
import { Merchandiser } from './merchandiser.js';
import { MerchandisingError, parseMerchandisingRules } from './rules.js';

/** Reads and checks the merchandising file; start-up stops with a message naming the file and the fault. */
export async function loadMerchandising(path: string): Promise<Merchandiser> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MerchandisingError(`merchandising file ${path} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MerchandisingError(
      `merchandising file ${path} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return new Merchandiser(parseMerchandisingRules(document, path));
}
