import { Page } from 'playwright-core';

/**
 * The words the page shows split across two lines ("Mo|de", "gu|est") in its tables, headings, lists and
 * definition lists. A word here runs between spaces, hyphens and slashes, where wrapping is expected. Each
 * word's text range is measured: more than one line box means the browser broke it.
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const containers = document.querySelectorAll(
      'td, th, h1, h2, h3, h4, h5, h6, li, dt, dd',
    );
    for (const container of Array.from(containers)) {
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s\-/]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter(rect => rect.width > 0)
              .map(rect => Math.round(rect.top)),
          );
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return [...new Set(broken)];
  });
}
