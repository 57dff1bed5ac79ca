// native_places.h: toponyms of Russian, Kazakh and Chinese text (issue #20), the places stage's path
// for documents whose meta.language is "ru", "kk" or "zh" (IsNativeLanguage()).
//
// The gazetteer holds the native names of places and countries as alternate names (Cyrillic and
// Han; scripts/gazetteer/native_names.py). Russian and Kazakh: capitalised word runs of one to three
// words (later words may be lower case: "Алматинской области"), looked up as written and as the
// lemmas the language's inflection table guesses ("Италии" -> "италия", "Астанада" -> "астана").
// Chinese: runs of up to eight Han characters over the segmenter's words, longest first, as written
// and with a trailing 市/省/县... stripped (data/zh/inflection.txt). Words of PERSON mentions are
// skipped; the entities stage's LOC mentions the gazetteer lacks become places of kind "other".
// Each name takes its most likely reading (countries, then population and capitals), with a bonus for
// the article's home country (the dateline's, and the countries named without ambiguity).
// The dateline's country is filled from its native place; the place stays as written ("Астана").
// Linear in the number of tokens (a bounded number of lookups per token).
#ifndef TIES_EXTRACT_PLACES_NATIVE_PLACES_H_
#define TIES_EXTRACT_PLACES_NATIVE_PLACES_H_

#include "extract/native/native_lexicon.h"
#include "extract/places/gazetteer.h"
#include "ties/document.h"

namespace ties {

// Fills doc.places (cleared first) and doc.dateline.country, adds LOC entities and mentions for the
// places no entities-stage mention covers. REQUIRES: tokens, sentences, entities and the dateline
// are filled.
void FindNativePlaces(const Gazetteer& gazetteer, const NativeLexicon& lexicon, Document& doc);

}  // namespace ties

#endif  // TIES_EXTRACT_PLACES_NATIVE_PLACES_H_
