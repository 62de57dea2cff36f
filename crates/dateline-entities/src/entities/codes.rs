//! Codes of an entity: ISO 3166 and CAMEO codes from its gazetteer identity, a country for
//! places and groups, and for persons the country of their role or a dated office in the
//! CAMEO leaders dictionary.

use super::merging::Ent;
use crate::gazetteer::Gazetteer;
use dateline_core::EntityType;
use std::collections::BTreeMap;

/// When the CAMEO leaders dictionary was last revised (YYYYMMDD).
const LEADERS_REVISED: &str = "20141231";

/// ISO 3166 / CAMEO codes for countries, organisations and groups; a country code for
/// persons when a role ties them to one, or a dated office in the leaders dictionary
/// covers the publication date.
pub(super) fn codes_for(
    gaz: &Gazetteer,
    ent: &Ent,
    ents: &[Ent],
    name: &str,
    published: Option<&str>,
) -> BTreeMap<String, String> {
    let mut codes = BTreeMap::new();
    match ent.ident.as_deref() {
        Some(id) if id.starts_with("gpe:") => {
            let iso = &id[4..];
            codes.insert("iso3".to_string(), iso.to_string());
            codes.insert("cameo".to_string(), iso.to_string());
        }
        Some(id) if id.starts_with("org:") => {
            if let Some(o) = gaz.org(&id[4..]).or_else(|| gaz.org(name)) {
                codes.insert("cameo".to_string(), o.cameo.clone());
            }
        }
        _ => {}
    }
    if matches!(ent.ty, EntityType::Gpe | EntityType::Norp | EntityType::Loc)
        && !codes.contains_key("iso3")
    {
        if let Some(p) = gaz.place(name).and_then(|p| p.first()) {
            if let Some(iso) = &p.iso3 {
                codes.insert("country".to_string(), iso.clone());
            }
        }
    }
    if ent.ty == EntityType::Person {
        for r in &ent.roles {
            let Some(of) = r.of.and_then(|o| ents.get(o)) else {
                continue;
            };
            if let Some(iso) = of.ident.as_deref().and_then(|id| id.strip_prefix("gpe:")) {
                codes.insert("country".to_string(), iso.to_string());
            } else if of.ty == EntityType::Norp {
                // "Syrian MP Mohammed Mamoun": the nationality's country.
                let iso = of
                    .ident
                    .as_deref()
                    .and_then(|id| id.strip_prefix("norp:"))
                    .and_then(|n| gaz.place(n))
                    .and_then(|p| p.first())
                    .and_then(|p| p.iso3.clone());
                if let Some(iso) = iso {
                    codes.insert("country".to_string(), iso);
                }
            }
        }
        if let (Some(date), None) = (published, codes.get("country")) {
            // The dictionary was last revised in 2014: an office still open then says
            // nothing about later dates.
            let open_until = LEADERS_REVISED;
            if let Some(office) = gaz.offices(name).and_then(|offices| {
                offices.iter().find(|o| {
                    o.from.as_deref().is_none_or(|f| f <= date)
                        && o.to.as_deref().unwrap_or(open_until) >= date
                })
            }) {
                codes.insert("cameo".to_string(), office.code.clone());
                if office.code.len() >= 3 && !office.code.starts_with("IGO") {
                    codes.insert("country".to_string(), office.code[..3].to_string());
                }
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::super::roles::RoleDraft;
    use super::super::testing::gaz;
    use super::*;

    fn ent(ty: EntityType, ident: Option<&str>) -> Ent {
        Ent {
            ty,
            mentions: vec![0],
            roles: Vec::new(),
            ident: ident.map(str::to_string),
        }
    }

    #[test]
    fn codes_from_identities_roles_and_offices() {
        let france = ent(EntityType::Gpe, Some("gpe:FRA"));
        let codes = codes_for(gaz(), &france, &[], "France", None);
        assert_eq!(codes["iso3"], "FRA");
        assert_eq!(codes["cameo"], "FRA");

        let mut envoy = ent(EntityType::Person, None);
        envoy.roles.push(RoleDraft {
            title: "envoy".into(),
            of: Some(0),
            start: 0,
            end: 1,
        });
        let codes = codes_for(gaz(), &envoy, &[france], "Jo Smith", Some("20250101"));
        assert_eq!(codes["country"], "FRA");

        let putin = ent(EntityType::Person, None);
        let codes = codes_for(gaz(), &putin, &[], "Vladimir Putin", Some("20100101"));
        assert_eq!(codes["cameo"], "RUSGOV");
        assert_eq!(codes["country"], "RUS");
        // The dictionary says nothing about offices after its last revision.
        let codes = codes_for(gaz(), &putin, &[], "Vladimir Putin", Some("20250101"));
        assert!(codes.is_empty());
    }
}
