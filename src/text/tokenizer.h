// tokenizer.h: splits a UTF-8 buffer into tokens (offset spans with flags).
//
// Rules, chosen for news text and for the dictionary matchers downstream:
// words are runs of letters and digits with inner apostrophes and hyphens
// ("people-to-people", "O'Neill"); a trailing possessive ("'s", "’s") is its own
// token; dotted abbreviations are one token ("U.S.", "U.N."); numbers keep inner
// separators ("1,000.5", "10:34"); each other symbol is a token, runs of dashes
// ("--") are one. Whitespace, including every Unicode space, separates tokens.
// A run of Han ideographs is split into words by ICU's dictionary-based word
// iterator (Chinese writes no spaces); digits and other scripts end the run.
#ifndef TIES_TEXT_TOKENIZER_H_
#define TIES_TEXT_TOKENIZER_H_

#include <string_view>
#include <vector>

#include "ties/document.h"

namespace ties {

// Appends the tokens of `text` to `tokens` (cleared first). Never fails.
void Tokenize(std::string_view text, std::vector<Token>& tokens);

// True for quotation marks of any script: " “ ” „ ‟ « » ‹ › 「 」 『 』 and ' ‘ ’ ‚.
bool IsQuoteChar(char32_t cp);

}  // namespace ties

#endif  // TIES_TEXT_TOKENIZER_H_
