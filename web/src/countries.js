// countries.js: ISO 3166-1 names and numeric codes (bundled from iso-codes).
import table from 'ties:countries';

export function countryName(iso3) {
  const entry = table[iso3];
  return entry ? entry[0] : iso3 || '';
}

// "Kazakhstan (KAZ)"
export function countryLabel(iso3) {
  const entry = table[iso3];
  return entry ? `${entry[0]} (${iso3})` : iso3 || '';
}

export function countryNumeric(iso3) {
  const entry = table[iso3];
  return entry ? entry[1] : undefined;
}

const byNumeric = new Map(Object.entries(table).map(([iso3, [, numeric]]) => [numeric, iso3]));
export function iso3FromNumeric(numeric) {
  return byNumeric.get(String(numeric).padStart(3, '0'));
}

// [[iso3, name], ...] sorted by name, for pickers.
export function allCountries() {
  return Object.entries(table)
    .map(([iso3, [name]]) => [iso3, name])
    .sort((a, b) => a[1].localeCompare(b[1]));
}

// A <select> of countries; `empty` adds a first "any" option.
export function countrySelect(document, selected, empty = 'Any country') {
  const select = document.createElement('select');
  if (empty !== null) {
    const opt = document.createElement('option');
    opt.value = '';
    opt.textContent = empty;
    select.append(opt);
  }
  for (const [iso3, name] of allCountries()) {
    const opt = document.createElement('option');
    opt.value = iso3;
    opt.textContent = `${name} (${iso3})`;
    if (iso3 === selected) opt.selected = true;
    select.append(opt);
  }
  if (selected && !table[selected]) {
    const opt = document.createElement('option');
    opt.value = selected;
    opt.textContent = selected;
    opt.selected = true;
    select.append(opt);
  }
  return select;
}
