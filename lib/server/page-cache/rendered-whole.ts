/**
 * Whether the server rendered every part of a document. Pages stream: the frame is sent as soon as it
 * is ready (with its 200) and a part that throws afterwards (a read that failed) is left for the
 * browser to render, where the error boundary shows. React marks such a part in the document:
 * `<!--$!-->` when it failed before its fallback was sent, a `$RX` call (with its function, sent once)
 * when it failed after. A document with either shows an error where the data belongs: not kept.
 */
export function renderedWhole(html: string): boolean {
  return !html.includes("<!--$!-->") && !html.includes("$RX=");
}
