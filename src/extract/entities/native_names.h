// native_names.h: persons and organisations of Russian and Kazakh documents (issue #20).
//
// The English recogniser (recognizer.h) reads capitalisation and English word lists; for a document
// in ru or kk the entities stage calls RecognizeNative instead. All language knowledge is in
// data/<lang>/entities/ (NativeLexicon, native_lexicon.h); this code only knows the mechanisms:
//
// Russian and Kazakh, one pass over each sentence's tokens:
//  - «...» (and „...", "...") around a capitalised name of at most kMaxQuotedWords words: ORG.
//  - A run of capitalised words (and initials "А."): leading openers and role words are dropped
//    ("Министр", "Однако"); a run is split before a given name unless the word before looks like a
//    surname ("Казахстана | Аида Балаева", "Иванов Иван"). PERSON when it has a given name, a
//    patronymic, initials, two or more words ending like a surname, or one such word after a role
//    word ("министр ... Балаева"); ORG when it starts with an organisation head ("Министерство
//    иностранных дел", "Банк России": the head's lower-case complement and the capitalised run after
//    it are in the name), is a known organisation or an abbreviation ("МИД", "ООН"; abbreviations of
//    places are in not_names.txt); anything else is left to the places stage.
//  - Kazakh (and any language with org_tails.txt): capitalised words, with up to two lower-case
//    words between them, before an organisation tail ("Мәдениет және ақпарат министрлігі") are ORG
//    with the tail.
//  - A single capitalised word whose lemma guess is the surname of a person found in the document
//    is that person (Балаевой, Балаева -> Аида Балаева), also at a sentence start.
//  - The role: the words from a role word up to the name, within kMaxRoleWords before it.
//
// Chinese is not handled here yet: the entities stage gives zh documents the English rules.
//
// Linear: each token is visited a bounded number of times (runs and windows are capped).
// Thread-safety: a free function over const data.
#ifndef TIES_EXTRACT_ENTITIES_NATIVE_NAMES_H_
#define TIES_EXTRACT_ENTITIES_NATIVE_NAMES_H_

#include "extract/native/native_lexicon.h"
#include "ties/document.h"

namespace ties::entities {

// REQUIRES: doc.tokens and doc.sentences are filled. Replaces doc.entities and doc.mentions with
// the persons and organisations found (mentions sorted, first_mention set). `work`, when not null,
// is incremented once per token visit (the growth test counts it).
void RecognizeNative(const NativeLexicon& lex, Document& doc, uint64_t* work = nullptr);

}  // namespace ties::entities

#endif  // TIES_EXTRACT_ENTITIES_NATIVE_NAMES_H_
