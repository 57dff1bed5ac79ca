// native_speech.h: speakers of direct quotes in Russian, Kazakh and Chinese
// copy, from the cue words of data/<lang>/quotes/speech.tsv. The quotes stage
// uses it instead of its English attribution for documents in those
// languages (a language-gated hook: the English path is unchanged).
//   ru  «...», — сказала Балаева.        Балаева заявила: «...»
//   kk  «...», – деді Аида Балаева.       «...», – деп мәлімдеді Балаева.
//   zh  巴拉耶娃说：“...”                  她指出：“...”
// and reported speech opened by a phrase at a sentence's start:
//   ru  По словам Балаевой, ...            По её словам, ...
//   kk  Министрдің айтуынша, ...
//   zh  据巴拉耶娃称，...
// The speaker is the text of the name (entity linking of Cyrillic and Chinese
// names belongs to the entities stage); a pronoun speaker takes the last named
// speaker of the article.
#ifndef TIES_EXTRACT_QUOTES_NATIVE_SPEECH_H_
#define TIES_EXTRACT_QUOTES_NATIVE_SPEECH_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

struct NativeSpeech {
  struct Cue {
    std::string normalised;  // "say"
    bool after = false;      // «...», — CUE NAME
    bool before = false;     // NAME CUE: «...»
  };
  std::unordered_map<std::string, Cue> cues;  // lower-case form -> cue
  std::unordered_set<std::string> pronouns;
  std::unordered_set<std::string> roles;
  struct Opener {                     // "по словам" NAME ","; "据" NAME "称" "，"
    std::vector<std::string> before;  // lower-case tokens before the name
    std::vector<std::string> after;   // and after it
  };
  std::vector<Opener> openers;
  bool han = false;  // names are runs of Han words, not capitalised words

  // Reads <dir>/quotes/speech.tsv. NotFound when absent.
  static Result<NativeSpeech> Load(const std::string& dir, bool han);
};

// REQUIRES: doc.tokens and doc.sentences are filled. Replaces doc.quotes with
// the marked direct quotes of doc and the reported speech after an opener,
// with their speakers, in text order. Linear in the tokens (openers are
// matched at sentence starts only).
void AttributeNativeQuotes(Document& doc, const NativeSpeech& speech);

}  // namespace ties

#endif  // TIES_EXTRACT_QUOTES_NATIVE_SPEECH_H_
