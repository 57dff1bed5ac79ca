// openapi.cc: the OpenAPI 3.0 description served at /api/openapi.json.
//
// Hand-written to match router.cc; api_test checks that it parses, that every
// routed path is described and that every result schema lists exactly the
// fields of query/result_fields.h. Keep docs/api.md in step.
#include <string>

#include "api/router.h"

namespace ties {

namespace {

constexpr const char kOpenApi[] = R"JSON({
  "openapi": "3.0.3",
  "info": {
    "title": "ties API",
    "version": "1",
    "description": "Read-only JSON API over a ties store: articles with their people, places, quotes and events. Lists are paged with an opaque cursor and never capped silently: next_cursor is null only when the list is complete. Every list also answers CSV (format=csv or Accept: text/csv); format=csv&all=true streams the whole list.",
    "license": {"name": "Apache-2.0"}
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/api/articles": {
      "get": {
        "summary": "Search articles (full text and filters)",
        "operationId": "searchArticles",
        "parameters": [
          {"name": "q", "in": "query", "description": "SQLite FTS5 query over title and text, e.g. \"visa exemption\" or tourism AND China", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/from"},
          {"$ref": "#/components/parameters/to"},
          {"name": "source", "in": "query", "description": "Source name, e.g. xinhua", "schema": {"type": "string"}},
          {"name": "language", "in": "query", "description": "Article language code, e.g. ru, kk, zh, en", "schema": {"type": "string"}},
          {"name": "country", "in": "query", "description": "ISO 3166-1 alpha-3 code of a country mentioned", "schema": {"$ref": "#/components/schemas/Iso3"}},
          {"name": "entity", "in": "query", "description": "Canonical name of an entity mentioned", "schema": {"type": "string"}},
          {"name": "theme", "in": "query", "description": "Theme name", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/cursor"},
          {"$ref": "#/components/parameters/limit"},
          {"$ref": "#/components/parameters/format"},
          {"$ref": "#/components/parameters/all"}
        ],
        "responses": {
          "200": {"description": "One page of hits", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ArticleList"}},
            "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/articles/{id}": {
      "get": {
        "summary": "One article: the full stored record with text and spans (code points), see docs/record.md",
        "operationId": "getArticle",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The article record", "content": {"application/json": {"schema": {"type": "object"}}}},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/quotes": {
      "get": {
        "summary": "Quotes, by speaker, speaker country, role, kind or text",
        "operationId": "listQuotes",
        "parameters": [
          {"name": "speaker", "in": "query", "description": "Substring of the speaker's canonical name", "schema": {"type": "string"}},
          {"name": "country", "in": "query", "description": "Speaker's country (ISO3)", "schema": {"$ref": "#/components/schemas/Iso3"}},
          {"name": "role", "in": "query", "description": "Substring of the speaker's role, e.g. minister", "schema": {"type": "string"}},
          {"name": "q", "in": "query", "description": "FTS5 query over the quote text", "schema": {"type": "string"}},
          {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["direct", "indirect", "mixed"]}},
          {"name": "article", "in": "query", "description": "Article id", "schema": {"type": "string"}},
          {"name": "language", "in": "query", "description": "Article language code, e.g. ru, kk, zh, en", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/from"},
          {"$ref": "#/components/parameters/to"},
          {"$ref": "#/components/parameters/cursor"},
          {"$ref": "#/components/parameters/limit"},
          {"$ref": "#/components/parameters/format"},
          {"$ref": "#/components/parameters/all"}
        ],
        "responses": {
          "200": {"description": "One page of quotes", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/QuoteList"}},
            "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/entities": {
      "get": {
        "summary": "Entities (people, organisations, locations, nationalities) with article and mention counts",
        "operationId": "listEntities",
        "parameters": [
          {"name": "type", "in": "query", "schema": {"type": "string", "enum": ["PERSON", "ORG", "LOC", "NORP"]}},
          {"name": "country", "in": "query", "schema": {"$ref": "#/components/schemas/Iso3"}},
          {"name": "name", "in": "query", "description": "Substring of the canonical name", "schema": {"type": "string"}},
          {"name": "language", "in": "query", "description": "Only mentions in articles of this language code, e.g. ru, zh", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/cursor"},
          {"$ref": "#/components/parameters/limit"},
          {"$ref": "#/components/parameters/format"},
          {"$ref": "#/components/parameters/all"}
        ],
        "responses": {
          "200": {"description": "One page of entities", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/EntityList"}},
            "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/dyads/{a}/{b}/series": {
      "get": {
        "summary": "Time series for a pair of countries: articles, events by quad class, mean Goldstein and tone",
        "operationId": "dyadSeries",
        "parameters": [
          {"name": "a", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Iso3"}},
          {"name": "b", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Iso3"}},
          {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["day", "week", "month", "year"], "default": "month"}},
          {"$ref": "#/components/parameters/from"},
          {"$ref": "#/components/parameters/to"},
          {"name": "dedup", "in": "query", "description": "Count each cluster of syndicated copies once", "schema": {"type": "boolean", "default": false}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The series", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/DyadSeries"}},
            "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/network": {
      "get": {
        "summary": "Co-mention network of countries (edges by article count)",
        "operationId": "network",
        "parameters": [
          {"$ref": "#/components/parameters/from"},
          {"$ref": "#/components/parameters/to"},
          {"name": "limit", "in": "query", "description": "Most edges returned (strongest first); 'complete' says whether all were returned", "schema": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 200}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Nodes and edges", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Network"}},
            "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/themes": {
      "get": {
        "summary": "The most frequent themes in the store",
        "operationId": "themes",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {"200": {"description": "Themes with counts", "content": {
          "application/json": {"schema": {"type": "object", "properties": {"items": {"$ref": "#/components/schemas/TopList"}}}},
          "text/csv": {"schema": {"type": "string"}}}}}
      }
    },
    "/api/stats": {
      "get": {
        "summary": "Store statistics: counts, date range, top sources, entities, countries and themes",
        "operationId": "stats",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {"200": {"description": "Statistics", "content": {
          "application/json": {"schema": {"$ref": "#/components/schemas/Stats"}},
          "text/csv": {"schema": {"type": "string"}}}}}
      }
    },
    "/api/sources": {
      "get": {
        "summary": "Fetched sources (ties fetch/watch): last success and failure, fetches, failures, articles, last error",
        "operationId": "sources",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {"200": {"description": "Sources by name", "content": {
          "application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "last_success": {"type": "string"}, "last_failure": {"type": "string"},
            "last_error": {"type": "string"}, "fetches": {"type": "integer"}, "failures": {"type": "integer"},
            "articles": {"type": "integer"}}}}}}}}}}
      }
    },
    "/api/health": {
      "get": {"summary": "Liveness check", "operationId": "health",
        "responses": {"200": {"description": "Serving", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}}}}}}}}
    },
    "/api/openapi.json": {
      "get": {"summary": "This description", "operationId": "openapi",
        "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}}
    }
  },
  "components": {
    "parameters": {
      "from": {"name": "from", "in": "query", "description": "First publication date, inclusive", "schema": {"type": "string", "format": "date"}},
      "to": {"name": "to", "in": "query", "description": "Last publication date, inclusive", "schema": {"type": "string", "format": "date"}},
      "cursor": {"name": "cursor", "in": "query", "description": "next_cursor of the previous page (opaque)", "schema": {"type": "string"}},
      "limit": {"name": "limit", "in": "query", "description": "Page size; larger values are rejected with 400, never capped", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20}},
      "format": {"name": "format", "in": "query", "description": "json (default) or csv; Accept: text/csv also selects CSV", "schema": {"type": "string", "enum": ["json", "csv"]}},
      "all": {"name": "all", "in": "query", "description": "With format=csv: stream every page of the list in one download", "schema": {"type": "boolean", "default": false}}
    },
    "responses": {
      "BadRequest": {"description": "A parameter is malformed or unknown", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such resource", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Iso3": {"type": "string", "pattern": "^[A-Za-z]{3}$", "example": "KAZ"},
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string", "enum": ["invalid_argument", "not_found", "method_not_allowed", "payload_too_large", "parse_error", "resource_exhausted", "unavailable", "io_error", "corruption", "internal", "timeout"]},
        "message": {"type": "string"}}}}},
      "ArticleList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
        "items": {"type": "array", "items": {"type": "object", "properties": {
          "id": {"type": "string"}, "title": {"type": "string"}, "source": {"type": "string"}, "published": {"type": "string"},
          "url": {"type": "string"}, "snippet": {"type": "string"}, "rank": {"type": "number"}}}},
        "next_cursor": {"type": "string", "nullable": true}, "total": {"type": "integer"}, "limit": {"type": "integer"}}},
      "QuoteList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
        "items": {"type": "array", "items": {"type": "object", "properties": {
          "article_id": {"type": "string"}, "published": {"type": "string"}, "url": {"type": "string"}, "kind": {"type": "string"},
          "text": {"type": "string"}, "speaker": {"type": "string"}, "speaker_country": {"type": "string"}, "speaker_role": {"type": "string"},
          "speaker_mention": {"type": "string"}, "cue": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}}}},
        "next_cursor": {"type": "string", "nullable": true}, "limit": {"type": "integer"}}},
      "EntityList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
        "items": {"type": "array", "items": {"type": "object", "properties": {
          "canonical": {"type": "string"}, "type": {"type": "string"}, "country": {"type": "string"}, "role": {"type": "string"},
          "articles": {"type": "integer"}, "mentions": {"type": "integer"}}}},
        "next_cursor": {"type": "string", "nullable": true}, "limit": {"type": "integer"}}},
      "DyadSeries": {"type": "object", "properties": {
        "a": {"type": "string"}, "b": {"type": "string"}, "by": {"type": "string"}, "dedup": {"type": "boolean"},
        "series": {"type": "array", "items": {"type": "object", "properties": {
          "period": {"type": "string"}, "articles": {"type": "integer"}, "events": {"type": "integer"},
          "verbal_coop": {"type": "integer"}, "material_coop": {"type": "integer"}, "verbal_conflict": {"type": "integer"},
          "material_conflict": {"type": "integer"}, "mean_goldstein": {"type": "number"}, "mean_tone": {"type": "number"}}}}}},
      "Network": {"type": "object", "properties": {
        "nodes": {"type": "array", "items": {"type": "object", "properties": {"country": {"type": "string"}, "weight": {"type": "integer"}}}},
        "edges": {"type": "array", "items": {"type": "object", "properties": {
          "a": {"type": "string"}, "b": {"type": "string"}, "articles": {"type": "integer"}, "events": {"type": "integer"}}}},
        "limit": {"type": "integer"}, "complete": {"type": "boolean"}}},
      "TopList": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "articles": {"type": "integer"}}}},
      "Stats": {"type": "object", "properties": {
        "articles": {"type": "integer"}, "sources": {"type": "integer"}, "entities": {"type": "integer"}, "mentions": {"type": "integer"},
        "places": {"type": "integer"}, "quotes": {"type": "integer"}, "events": {"type": "integer"}, "clusters": {"type": "integer"},
        "first_date": {"type": "string"}, "last_date": {"type": "string"},
        "top_sources": {"$ref": "#/components/schemas/TopList"}, "top_entities": {"$ref": "#/components/schemas/TopList"},
        "top_countries": {"$ref": "#/components/schemas/TopList"}, "top_themes": {"$ref": "#/components/schemas/TopList"}}}
    }
  }
})JSON";

}  // namespace

const std::string& OpenApiJson() {
  static const std::string* const kJson = new std::string(kOpenApi);
  return *kJson;
}

}  // namespace ties
