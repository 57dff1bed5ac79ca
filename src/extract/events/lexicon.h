// lexicon.h: transitional forwarding header. The word layer moved to
// src/lexicon/ (words.h, phrase_matcher.h) and the data-file reader to
// common/data_file.h; include those. This header goes once the events stage
// (being rewritten on the clause layer, issue #17) includes them directly.
#ifndef TIES_EXTRACT_EVENTS_LEXICON_H_
#define TIES_EXTRACT_EVENTS_LEXICON_H_

#include "common/data_file.h"
#include "lexicon/phrase_matcher.h"
#include "lexicon/words.h"

namespace ties::lex {
using ties::ReadTsv;
inline std::vector<std::string_view> Split(std::string_view s, char sep) { return SplitList(s, sep); }
}  // namespace ties::lex

#endif  // TIES_EXTRACT_EVENTS_LEXICON_H_
