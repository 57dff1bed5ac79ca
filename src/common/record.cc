// record.cc: Document -> the JSON output record (docs/record.md).
#include "ties/record.h"

#include <cstdio>

#include "common/json_writer.h"

namespace ties {

CodepointIndex::CodepointIndex(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii_ = false;
      break;
    }
  }
  if (ascii_) {
    total_ = static_cast<uint32_t>(text.size());
    return;
  }
  prefix_.resize(text.size() + 1);
  uint32_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    prefix_[i] = count;
    // Every byte that is not a UTF-8 continuation byte starts a code point.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  prefix_[text.size()] = count;
  total_ = count;
}

uint32_t CodepointIndex::operator()(uint32_t byte_offset) const {
  if (ascii_) return byte_offset < total_ ? byte_offset : total_;
  if (byte_offset >= prefix_.size()) return total_;
  return prefix_[byte_offset];
}

namespace {

void WriteSpanFields(JsonWriter& w, const Document& doc, const CodepointIndex& cp, Span span) {
  w.Field("start", cp(span.begin)).Field("end", cp(span.end)).Field("text", doc.View(span));
}

void WriteTone(JsonWriter& w, const Tone& tone) {
  w.BeginObject()
      .Field("tone", tone.tone)
      .Field("positive", tone.positive)
      .Field("negative", tone.negative)
      .Field("polarity", tone.polarity)
      .Field("activity", tone.activity)
      .Field("self_group", tone.self_group)
      .Field("word_count", tone.word_count)
      .EndObject();
}

}  // namespace

void WriteRecordJson(const Document& doc, const RecordOptions& options, std::string& out) {
  const CodepointIndex cp(doc.text);
  JsonWriter w(out, options.pretty);
  w.BeginObject();
  w.Field("id", doc.meta.id).Field("url", doc.meta.url).Field("source", doc.meta.source);
  w.Field("title", doc.meta.title).Field("published", doc.meta.published);
  w.Field("language", doc.meta.language);
  if (!doc.meta.author.empty()) w.Field("author", doc.meta.author);
  if (!doc.meta.site_name.empty()) w.Field("site_name", doc.meta.site_name);
  if (!doc.meta.wire_agency.empty()) w.Field("wire_agency", doc.meta.wire_agency);
  if (doc.meta.simhash != 0) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(doc.meta.simhash));
    w.Field("simhash", std::string_view(hex, 16));
  }
  w.Key("dateline");
  if (doc.dateline.present()) {
    w.BeginObject()
        .Field("place", doc.dateline.place)
        .Field("country", doc.dateline.country)
        .Field("date", doc.dateline.date)
        .Field("agency", doc.dateline.agency);
    WriteSpanFields(w, doc, cp, doc.dateline.span);
    w.EndObject();
  } else {
    w.Null();
  }
  if (options.with_text) w.Field("text", doc.text);

  w.Key("entities").BeginArray();
  for (const Mention& m : doc.mentions) {
    const Entity& e = doc.entities[m.entity];
    w.BeginObject();
    WriteSpanFields(w, doc, cp, m.span);
    w.Field("type", EntityTypeName(e.type))
        .Field("canonical", e.canonical)
        .Field("country", e.country)
        .Field("entity", m.entity)
        .Field("mention", MentionKindName(m.kind));
    if (e.type == EntityType::kPerson) w.Field("role", e.role);
    if (e.type == EntityType::kOrg && !e.org_kind.empty()) w.Field("org_kind", e.org_kind);
    w.EndObject();
  }
  w.EndArray();

  w.Key("places").BeginArray();
  for (const Place& p : doc.places) {
    w.BeginObject();
    WriteSpanFields(w, doc, cp, p.span);
    w.Field("name", p.name).Field("type", PlaceKindName(p.kind)).Field("country", p.country);
    w.Key("geonameid");
    if (p.geonameid) w.Int(p.geonameid); else w.Null();
    w.Key("lat");
    if (p.has_coordinates) w.Double(p.lat); else w.Null();
    w.Key("lon");
    if (p.has_coordinates) w.Double(p.lon); else w.Null();
    w.EndObject();
  }
  w.EndArray();

  w.Key("quotes").BeginArray();
  for (size_t qi = 0; qi < doc.quotes.size(); ++qi) {
    const Quote& q = doc.quotes[qi];
    w.BeginObject();
    WriteSpanFields(w, doc, cp, q.span);
    w.Field("kind", QuoteKindName(q.kind));
    w.Key("speaker").BeginObject().Field("name", q.speaker_name);
    w.Key("entity");
    if (q.speaker_entity >= 0) w.Int(q.speaker_entity); else w.Null();
    if (q.speaker_entity >= 0) {
      const Entity& e = doc.entities[q.speaker_entity];
      w.Field("country", e.country).Field("role", e.role);
    }
    if (!q.speaker_span.empty()) WriteSpanFields(w, doc, cp, q.speaker_span);
    w.EndObject();
    w.Key("cue").BeginObject().Field("verb", q.cue);
    if (!q.cue_kind.empty()) w.Field("kind", q.cue_kind);
    if (!q.cue_span.empty()) WriteSpanFields(w, doc, cp, q.cue_span);
    w.EndObject();
    if (qi < doc.quote_tones.size()) {
      w.Key("tone");
      WriteTone(w, doc.quote_tones[qi]);
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("events").BeginArray();
  for (const Event& e : doc.events) {
    w.BeginObject()
        .Field("source", e.source)
        .Field("target", e.target)
        .Field("code", e.code)
        .Field("root", std::string_view(e.code).substr(0, 2))
        .Field("goldstein", e.goldstein)
        .Field("quad_class", e.quad_class)
        .Field("plover", e.plover)
        .Field("negated", e.negated);
    w.Key("sentence").BeginObject();
    WriteSpanFields(w, doc, cp, e.sentence);
    w.EndObject();
    w.Key("trigger").BeginObject();
    WriteSpanFields(w, doc, cp, e.trigger);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  w.Key("dates").BeginArray();
  for (const DateMention& d : doc.dates) {
    w.BeginObject();
    WriteSpanFields(w, doc, cp, d.span);
    w.Field("value", d.value);
    w.EndObject();
  }
  w.EndArray();

  w.Key("themes").BeginArray();
  for (const Theme& t : doc.themes) {
    w.BeginObject().Field("name", t.name).Field("count", t.count).Field("score", t.score).EndObject();
  }
  w.EndArray();

  w.Key("tone");
  WriteTone(w, doc.tone);
  w.EndObject();
}

}  // namespace ties
