/** Distinct strings numbered 0, 1, … in order of first appearance. */
export class ValueNumbers {
  readonly values: string[] = [];
  readonly #numbers = new Map<string, number>();

  numberOf(value: string): number {
    let number = this.#numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.values.push(value);
      this.#numbers.set(value, number);
    }
    return number;
  }

  find(value: string): number | undefined {
    return this.#numbers.get(value);
  }
}
