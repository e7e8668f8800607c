/**
 * Answers kept by key, for work that costs more than looking it up (Intl checks and formatters). Where the
 * client chooses the key (a locale tag, a time zone), memory must stay bounded: full, it starts afresh.
 */
export class Remembered<T> {
  private readonly answers = new Map<string, T>();
  constructor(private readonly limit: number) {}

  get(key: string, work: (key: string) => T): T {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      if (this.answers.size >= this.limit) this.answers.clear();
      answer = work(key);
      this.answers.set(key, answer);
    }
    return answer;
  }
}
