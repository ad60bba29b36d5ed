import {
  BatchOperation,
  BatchSequence,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** Numbers the batches of one page: `next` is called once per batch, in order. */
export interface PageNumbering {
  next(lastOfPage: boolean): BatchSequence;
}

/**
 * The batches of one operation in one run, numbered as one sequence across the pages they come in.
 * A page is sent only once the next page with rows is known, or that there is none: so the batch flagged
 * last really is, even when the final pages held only rows that failed preparation.
 */
export class SequencedPages {
  readonly #id: string;
  readonly #estimatedRows: number;
  #number = 0;
  #held: ((numbering: PageNumbering) => Promise<void>) | undefined;

  static create(options: {
    syncId: string;
    runId: number;
    operation: BatchOperation;
    estimatedRows: number;
  }) {
    return new SequencedPages(
      `${options.syncId}:${options.runId}:${options.operation}`,
      options.estimatedRows,
    );
  }

  private constructor(id: string, estimatedRows: number) {
    this.#id = id;
    this.#estimatedRows = estimatedRows;
  }

  /** Holds this page's send (of `rows` rows) and sends the page held before, which is not the last. */
  async add(
    rows: number,
    send: (numbering: PageNumbering) => Promise<void>,
  ): Promise<void> {
    if (rows === 0) return;
    const previous = this.#held;
    this.#held = send;
    await previous?.(this.#numbering(false));
  }

  /** Sends the page held, whose last batch ends the sequence. */
  async end(): Promise<void> {
    const last = this.#held;
    this.#held = undefined;
    await last?.(this.#numbering(true));
  }

  #numbering(lastPage: boolean): PageNumbering {
    return {
      next: lastOfPage => {
        this.#number += 1;
        return {
          id: this.#id,
          number: this.#number,
          last: lastPage && lastOfPage,
          estimatedRows: this.#estimatedRows,
        };
      },
    };
  }
}
