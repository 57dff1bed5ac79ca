// clickhouse_documents.cc: see clickhouse_documents.h. The columns read are
// those clickhouse_store.cc writes (schema.cc); each child table is read with
// one query for the whole batch, ordered by article and then by the order the
// SQLite engine rebuilds a Document in.
#include "store/clickhouse/clickhouse_documents.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "common/text_util.h"
#include "dedup/simhash.h"
#include "dedup/wire_agency.h"
#include "store/clickhouse/clickhouse_client.h"
#include "common/byte_index.h"
#include "store/clickhouse/clickhouse_util.h"

namespace ties::clickhouse {

namespace {

// The span between two stored code point offsets (decimal strings).
Span SpanOf(const ByteIndex& bytes, const std::string& begin, const std::string& end) {
  return {bytes(ToInt(begin)), bytes(ToInt(end))};
}

// The batch being rebuilt: documents in request order, their byte indexes,
// and the SQL condition selecting their current rows in a child table.
struct Batch {
  std::vector<Document> docs;
  std::vector<ByteIndex> bytes;
  std::unordered_map<std::string, size_t> index;  // article id -> position in docs
  std::string rows_of;                            // " WHERE pub_date IN (...) AND (article, hash) IN (...)"
};

constexpr const char* kArticleColumns =
    "id, hash, pub_day, url, source, title, published, language, author, site_name, has_dateline,"
    " dateline_place, dateline_country, dateline_date, dateline_agency, dateline_start, dateline_end, text,"
    " tone, positive, negative, polarity, activity, self_group, word_count, simhash, wire_agency, fingerprinted";
constexpr size_t kArticleColumnCount = 28;

Document ArticleFromRow(std::vector<std::string>& a) {
  Document doc;
  doc.meta.id = a[0];
  doc.meta.url = a[3];
  doc.meta.source = a[4];
  doc.meta.title = a[5];
  doc.meta.published = a[6];
  doc.meta.language = a[7];
  doc.meta.author = a[8];
  doc.meta.site_name = a[9];
  doc.text = std::move(a[17]);
  if (a[10] == "1") {
    const ByteIndex bytes(doc.text);
    doc.dateline.place = a[11];
    doc.dateline.country = a[12];
    doc.dateline.date = a[13];
    doc.dateline.agency = a[14];
    doc.dateline.span = SpanOf(bytes, a[15], a[16]);
  }
  doc.tone = {ToDouble(a[18]), ToDouble(a[19]), ToDouble(a[20]), ToDouble(a[21]), ToDouble(a[22]), ToDouble(a[23]),
              static_cast<uint32_t>(ToUint(a[24]))};
  if (a[27] == "1") {
    doc.meta.simhash = ToUint(a[25]);
    doc.meta.wire_agency = a[26];
  } else {  // written by schema 1: the fingerprint stage's values, from the text
    doc.meta.simhash = SimHash(doc.text);
    doc.meta.wire_agency = WireAgencies::Default().Detect(doc.text);
  }
  return doc;
}

// Reads the article rows and builds the batch (documents in `ids` order).
Result<Batch> ReadArticles(const DocumentSource& source, const std::vector<std::string>& ids) {
  std::string id_list;
  for (const std::string& id : ids) id_list += (id_list.empty() ? "" : ", ") + Quote(id);
  Result<Rows> rows = source.select(std::string("SELECT ") + kArticleColumns + " FROM " + source.table("articles") +
                                    " WHERE id IN (" + id_list + ") FORMAT TabSeparated");
  if (!rows.ok()) return rows.status();
  std::unordered_map<std::string, size_t> row_of;
  for (size_t i = 0; i < rows->size(); ++i) {
    if ((*rows)[i].size() >= kArticleColumnCount) row_of.emplace((*rows)[i][0], i);
  }
  Batch batch;
  std::set<std::string> days;
  std::string versions;
  for (const std::string& id : ids) {
    auto it = row_of.find(id);
    if (it == row_of.end() || batch.index.count(id)) continue;
    std::vector<std::string>& a = (*rows)[it->second];
    // Rows live in the partition of the article's publication month (day 0 when undated).
    int y = 1970, m = 1, d = 1;
    if (const uint16_t day = DateDays(a[2])) CivilFromDays(day, &y, &m, &d);
    days.insert(FormatDate(y, m, d));
    versions += std::string(versions.empty() ? "" : ", ") + "(" + Quote(a[0]) + ", " + Quote(a[1]) + ")";
    batch.index.emplace(id, batch.docs.size());
    batch.docs.push_back(ArticleFromRow(a));
  }
  std::string day_list;
  for (const std::string& day : days) day_list += (day_list.empty() ? "toDate(" : ", toDate(") + Quote(day) + ")";
  batch.rows_of = " WHERE pub_date IN (" + day_list + ") AND (article, hash) IN (" + versions + ")";
  batch.bytes.reserve(batch.docs.size());
  for (const Document& doc : batch.docs) batch.bytes.emplace_back(doc.text);
  return batch;
}

// Runs `fn(doc, bytes, row)` for each row of a child table, in (article, order) order;
// row[0] is the article id, the columns follow.
template <typename Fn>
Status ForEachChild(const DocumentSource& source, Batch& batch, const std::string& cols, const char* table,
                    const std::string& order, size_t min_columns, Fn&& fn) {
  // Sorted outside the FINAL read: ClickHouse 18.16 cannot ORDER BY several columns of a FINAL Distributed read.
  Result<Rows> rows = source.select("SELECT * FROM (SELECT article, " + cols + " FROM " + source.table(table) +
                                    batch.rows_of + ") ORDER BY article, " + order + " FORMAT TabSeparated");
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    if (row.size() < min_columns + 1) continue;
    auto it = batch.index.find(row[0]);
    if (it == batch.index.end()) continue;
    fn(batch.docs[it->second], batch.bytes[it->second], row);
  }
  return Status::Ok();
}

Status ReadEntitiesAndMentions(const DocumentSource& source, Batch& batch) {
  TIES_RETURN_IF_ERROR(ForEachChild(
      source, batch, "idx, type, canonical, country, role, org_kind, gender", "entities", "idx", 7,
      [](Document& doc, const ByteIndex&, std::vector<std::string>& r) {
        Entity entity;
        entity.type = EntityTypeFromName(r[2]);
        entity.canonical = std::move(r[3]);
        entity.country = std::move(r[4]);
        entity.role = std::move(r[5]);
        entity.org_kind = std::move(r[6]);
        entity.gender = r[7].empty() ? 0 : r[7][0];
        const size_t idx = ToUint(r[1]);
        doc.entities.resize(std::max(doc.entities.size(), idx + 1));
        doc.entities[idx] = std::move(entity);
      }));
  return ForEachChild(source, batch, "idx, entity, start, end, kind", "mentions", "idx", 5,
                      [](Document& doc, const ByteIndex& bytes, std::vector<std::string>& r) {
                        Mention mention;
                        mention.entity = static_cast<uint32_t>(ToUint(r[2]));
                        mention.span = SpanOf(bytes, r[3], r[4]);
                        mention.kind = MentionKindFromName(r[5]);
                        if (mention.entity < doc.entities.size()) doc.mentions.push_back(mention);
                      });
}

Status ReadPlaces(const DocumentSource& source, Batch& batch) {
  return ForEachChild(
      source, batch, "idx, start, end, name, kind, geonameid, has_coordinates, lat, lon, country, admin1, entity",
      "places", "idx", 12, [](Document& doc, const ByteIndex& bytes, std::vector<std::string>& r) {
        Place place;
        place.span = SpanOf(bytes, r[2], r[3]);
        place.name = std::move(r[4]);
        place.kind = PlaceKindFromName(r[5]);
        place.geonameid = ToInt(r[6]);
        place.has_coordinates = r[7] == "1";
        place.lat = ToDouble(r[8]);
        place.lon = ToDouble(r[9]);
        place.country = std::move(r[10]);
        place.admin1 = std::move(r[11]);
        place.entity = static_cast<int32_t>(ToInt(r[12]));
        doc.places.push_back(std::move(place));
      });
}

Status ReadQuotes(const DocumentSource& source, Batch& batch) {
  // A quote tone is kept only when every quote of the article has one (as SQLite stores them).
  std::vector<bool> all_toned(batch.docs.size(), true);
  TIES_RETURN_IF_ERROR(ForEachChild(
      source, batch,
      "idx, kind, start, end, speaker, speaker_entity, has_speaker_span, speaker_start, speaker_end, cue, has_cue_span,"
      " cue_start, cue_end, has_tone, tone, positive, negative, polarity, activity, self_group, word_count",
      "quotes", "idx", 21, [&](Document& doc, const ByteIndex& bytes, std::vector<std::string>& r) {
        ties::Quote quote;
        quote.kind = QuoteKindFromName(r[2]);
        quote.span = SpanOf(bytes, r[3], r[4]);
        quote.speaker_name = std::move(r[5]);
        quote.speaker_entity = static_cast<int32_t>(ToInt(r[6]));
        if (r[7] == "1") quote.speaker_span = SpanOf(bytes, r[8], r[9]);
        quote.cue = std::move(r[10]);
        if (r[11] == "1") quote.cue_span = SpanOf(bytes, r[12], r[13]);
        if (r[14] != "1") {
          all_toned[&doc - batch.docs.data()] = false;
        } else {
          doc.quote_tones.push_back({ToDouble(r[15]), ToDouble(r[16]), ToDouble(r[17]), ToDouble(r[18]),
                                     ToDouble(r[19]), ToDouble(r[20]), static_cast<uint32_t>(ToUint(r[21]))});
        }
        doc.quotes.push_back(std::move(quote));
      }));
  for (size_t i = 0; i < batch.docs.size(); ++i) {
    if (!all_toned[i]) batch.docs[i].quote_tones.clear();
  }
  return Status::Ok();
}

Status ReadEvents(const DocumentSource& source, Batch& batch) {
  return ForEachChild(
      source, batch,
      "idx, source, target, code, goldstein, quad_class, plover, negated, sentence_start, sentence_end, trigger_start,"
      " trigger_end, has_source_span, source_start, source_end, has_target_span, target_start, target_end",
      "events", "idx", 18, [](Document& doc, const ByteIndex& bytes, std::vector<std::string>& r) {
        Event event;
        event.source = std::move(r[2]);
        event.target = std::move(r[3]);
        event.code = std::move(r[4]);
        event.goldstein = ToDouble(r[5]);
        event.quad_class = static_cast<int>(ToInt(r[6]));
        event.plover = std::move(r[7]);
        event.negated = r[8] == "1";
        event.sentence = SpanOf(bytes, r[9], r[10]);
        event.trigger = SpanOf(bytes, r[11], r[12]);
        if (r[13] == "1") event.source_span = SpanOf(bytes, r[14], r[15]);
        if (r[16] == "1") event.target_span = SpanOf(bytes, r[17], r[18]);
        doc.events.push_back(std::move(event));
      });
}

Status ReadDatesAndThemes(const DocumentSource& source, Batch& batch) {
  TIES_RETURN_IF_ERROR(ForEachChild(source, batch, "idx, start, end, value", "dates", "idx", 4,
                                    [](Document& doc, const ByteIndex& bytes, std::vector<std::string>& r) {
                                      doc.dates.push_back({SpanOf(bytes, r[2], r[3]), std::move(r[4])});
                                    }));
  return ForEachChild(source, batch, "theme, count, score", "themes", "score DESC, count DESC, theme", 3,
                      [](Document& doc, const ByteIndex&, std::vector<std::string>& r) {
                        doc.themes.push_back(
                            {std::move(r[1]), static_cast<uint32_t>(ToUint(r[2])), ToDouble(r[3])});
                      });
}

}  // namespace

Result<std::vector<Document>> LoadDocuments(const DocumentSource& source, const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<Document>{};
  Result<Batch> batch = ReadArticles(source, ids);
  if (!batch.ok()) return batch.status();
  if (batch->docs.empty()) return std::vector<Document>{};
  TIES_RETURN_IF_ERROR(ReadEntitiesAndMentions(source, *batch));
  TIES_RETURN_IF_ERROR(ReadPlaces(source, *batch));
  TIES_RETURN_IF_ERROR(ReadQuotes(source, *batch));
  TIES_RETURN_IF_ERROR(ReadEvents(source, *batch));
  TIES_RETURN_IF_ERROR(ReadDatesAndThemes(source, *batch));
  return std::move(batch->docs);
}

}  // namespace ties::clickhouse
