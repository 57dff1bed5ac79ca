// quote_marks.h: pairs quotation marks into direct-quote spans.
//
// Works on the tokenizer's quote-mark tokens (kTokQuote). Three mark families
// pair independently of each other: double (" “ ” „ ‟), guillemets (« » ‹ ›)
// and single (' ‘ ’ ‚ ‛). Whether a mark opens or closes is read first from
// its context (space before and a word after: opens; a word before and space
// or punctuation after: closes), then from its shape (“ „ « ‘ open; ” » ’
// close), and for straight marks from the pairing state. Opened marks form a
// stack, so nested quotes ("... 'inner' ...") stay inside the outer quote;
// only outermost quotes are reported.
//
// Single marks count as quote marks only inside another quote, in a headline
// (a short first paragraph without final punctuation), or in documents that
// use no double marks at all (British style); elsewhere they are apostrophes.
//
// Paragraphs bound quotes: a quote still open at a paragraph end continues
// only when the next paragraph opens with a mark of the same family (the
// multi-paragraph convention); otherwise it ends at its paragraph end, so a
// lost closing mark never swallows the rest of the article.
#ifndef TIES_EXTRACT_QUOTES_QUOTE_MARKS_H_
#define TIES_EXTRACT_QUOTES_QUOTE_MARKS_H_

#include <cstdint>
#include <vector>

#include "ties/document.h"

namespace ties {

// kNoToken (no token index) comes from ties/clause.h through ties/document.h.

struct MarkedQuote {
  uint32_t open_token = 0;          // the opening mark
  uint32_t close_token = kNoToken;  // the closing mark; kNoToken when unclosed
  uint32_t first_token = 0;         // first content token
  uint32_t end_token = 0;           // one past the last content token
  Span content;                     // text between the marks (no marks, no outer spaces)
  bool multi_paragraph = false;     // continued across a paragraph break
};

// REQUIRES: doc.tokens is filled. Appends the outermost quotes of `doc`, in
// text order, to `out` (cleared first). Never fails; linear in the tokens.
void FindMarkedQuotes(const Document& doc, std::vector<MarkedQuote>& out);

}  // namespace ties

#endif  // TIES_EXTRACT_QUOTES_QUOTE_MARKS_H_
