// clause.cc: names of the clause-layer enums (ties/clause.h).
#include "ties/clause.h"

namespace ties {

std::string_view ClauseKindName(ClauseKind kind) {
  switch (kind) {
    case ClauseKind::kMain: return "main";
    case ClauseKind::kRelative: return "relative";
    case ClauseKind::kSpeech: return "speech";
    case ClauseKind::kComplement: return "complement";
    case ClauseKind::kConditional: return "conditional";
    case ClauseKind::kPurpose: return "purpose";
    case ClauseKind::kAdverbial: return "adverbial";
  }
  return "";
}

std::string_view ModalityName(Modality modality) {
  switch (modality) {
    case Modality::kNone: return "none";
    case Modality::kWill: return "will";
    case Modality::kPossible: return "possible";
    case Modality::kMust: return "must";
    case Modality::kPlan: return "plan";
    case Modality::kRefuse: return "refuse";
    case Modality::kThreat: return "threat";
    case Modality::kAppeal: return "appeal";
    case Modality::kDemand: return "demand";
    case Modality::kTry: return "try";
  }
  return "";
}

std::string_view ArgRoleName(ArgRole role) {
  switch (role) {
    case ArgRole::kObject: return "object";
    case ArgRole::kPrep: return "prep";
    case ArgRole::kAgent: return "agent";
  }
  return "";
}

}  // namespace ties
