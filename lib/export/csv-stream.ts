import { type CsvField, csvLine } from "./csv-line";

export type CsvStreamOptions = {
  header: readonly string[];
  /** Rows a page at a time: the stream asks for the next page only when the reader wants more. */
  pages: AsyncIterable<readonly (readonly CsvField[])[]>;
  /** Lines after the last page (a totals row), computed once every page was read. */
  trailer?: () => readonly (readonly CsvField[])[];
};

/**
 * A CSV file as a byte stream. Pull-based: a page is read when the consumer has taken the previous
 * one, so memory holds one page, whatever the number of rows, and a reader that stops early stops the
 * reads (the iterator is returned).
 */
export function csvStream(options: CsvStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = options.pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte-order mark, so spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(options.header)}`));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        const trailer = options.trailer?.() ?? [];
        if (trailer.length > 0) controller.enqueue(encoder.encode(trailer.map(csvLine).join("")));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The download response of a CSV stream. */
export function csvResponse(filename: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
