/** JSON and self-contained HTML reports (inline SVG charts, no network resources). */
package io.llmops.eval.report;
