// recognizer.h: finds persons, organisations, countries, regions and demonyms in one Document,
// and links later mentions (surnames, "the minister", "she") to the entity they refer to.
//
// The algorithm (docs/entities.md has the rules with examples):
//  1. Words: the tokens, with capitalised hyphen compounds split where a part is a known name
//     ("Kazakhstan-China" -> Kazakhstan, -, China). Lines that are mostly upper case (headlines)
//     are marked: there, only dictionary names are recognised, case-insensitively.
//  2. One left-to-right pass. At each word, in order: a known organisation (longest dictionary
//     match); a role ("Kazakh Minister of Culture and Information", "U.S. Secretary of State")
//     with the person name it introduces, or, with no name, an apposition to the person before
//     ("Tokayev, the president of Kazakhstan") or a nominal candidate ("the minister"); an
//     organisation pattern ("Ministry of ...", "... University", "... Party of China"); a
//     country name, demonym, region or capital-as-government; a run of capitalised words,
//     typed by person signals (given name, honorific, surname suffix, reporting verb after,
//     a name seen before), or an acronym defined in parentheses earlier.
//  3. Coreference: runs that match a person named later become that person; nominals attach
//     to the latest person whose role has the same head word; he/she/him/her attach to the
//     latest gender-compatible person, preferring the first person (the subject) of the
//     nearest sentence that has one, looking back at most three sentences.
//
// Thread-safety: a free function over const lexicon data; safe to call concurrently on
// different Documents.
#ifndef TIES_EXTRACT_ENTITIES_RECOGNIZER_H_
#define TIES_EXTRACT_ENTITIES_RECOGNIZER_H_

#include "extract/entities/lexicon.h"
#include "ties/document.h"

namespace ties::entities {

// REQUIRES: doc.tokens and doc.sentences are filled for doc.text.
// Replaces doc.entities and doc.mentions. Mentions are sorted by span start; every entity has at
// least one mention and first_mention points at its earliest. Entities:
//   PERSON  canonical = full name as written; role, country (from the role's modifier or
//           complement), gender when the text shows it
//   ORG     canonical = dictionary name or the name as written; country and org_kind when known
//   LOC     countries (canonical = countries.tsv name, country = its code), regions
//           (countries_regions.tsv), and capitals used for their government ("Beijing said"),
//           which get org_kind "government" and the capital's country
//   NORP    one per country whose demonym occurs (canonical = its first demonym, "Kazakh")
void Recognize(const EntityLexicon& lexicon, Document& doc);

}  // namespace ties::entities

#endif  // TIES_EXTRACT_ENTITIES_RECOGNIZER_H_
