import type { DirectoryFacet } from "../../domain/directory/search.server";
import { facetLabels } from "../../domain/directory/query";

const valueLabel = (key: string, value: string, tab: "people" | "organizations") => {
  if (key === "mentor") return tab === "people" ? "Available as mentor" : "Offers mentors";
  if (key === "tier") return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
};

/** Checkbox groups, one fieldset per facet; each value shows how many results it would give. */
export function FacetFilters({ facets, tab }: { facets: DirectoryFacet[]; tab: "people" | "organizations" }) {
  return (
    <div className="facets stack">
      {facets.map((facet) =>
        facet.values.length === 0 ? null : (
          <fieldset key={facet.key} className="facet">
            <legend>{facetLabels[facet.key]}</legend>
            <ul>
              {facet.values.map((value) => {
                const id = `facet-${facet.key}-${value.value.replace(/[^\w-]/g, "_")}`;
                return (
                  <li key={value.value}>
                    <input type="checkbox" id={id} name={facet.key} value={value.value} defaultChecked={value.selected} />
                    <label htmlFor={id}>
                      {valueLabel(facet.key, value.value, tab)} <span className="facet-count">({facet.approximate ? `about ${value.count.toLocaleString("en")}` : value.count.toLocaleString("en")})</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ),
      )}
    </div>
  );
}
