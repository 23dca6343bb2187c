#!/usr/bin/env python3
"""Writes N synthetic places in the national standard v1 CSV, spread over a bounding box, for the
import and marker benchmarks: make-synthetic-places.py N OUT.csv [west south east north]."""
import csv, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
west, south, east, north = (float(v) for v in sys.argv[3:7]) if len(sys.argv) > 6 else (1.38, 48.83, 4.26, 51.09)
random.seed(42)
services = ["Prendre en main un ordinateur", "Réaliser des démarches administratives avec un accompagnement",
            "Accéder à une connexion internet", "Utiliser le numérique au quotidien", "Prendre en main un smartphone ou une tablette"]
hours = ["Mo-Fr 09:00-12:00,14:00-17:30", "Mo,We,Fr 08:30-12:00; Tu,Th 13:30-18:00", "Tu-Sa 10:00-18:00; PH off", ""]
header = ["id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude", "longitude",
          "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume", "presentation_detail", "source",
          "itinerance", "structure_parente", "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
          "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
          "modalites_accompagnement", "fiche_acces_libre", "prise_rdv"]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    for i in range(n):
        row = {k: "" for k in header}
        row.update({
            "id": f"synthetic-{i}", "pivot": f"{10000000000000 + i:014d}", "nom": f"Espace numérique n°{i} de la Médiathèque",
            "commune": random.choice(["Lille", "Amiens", "Arras", "Beauvais", "Laon", "Saint-Quentin", "Calais"]),
            "code_postal": "59000", "adresse": f"{i % 200 + 1} rue de la République",
            "latitude": f"{random.uniform(south, north):.6f}", "longitude": f"{random.uniform(west, east):.6f}",
            "typologie": "BIB|ASSO", "telephone": "+33320000000", "courriels": "contact@example.org",
            "horaires": random.choice(hours), "date_maj": "2024-01-15",
            "services": "|".join(random.sample(services, 2)), "publics_specifiquement_adresses": "Seniors (+ 65 ans)|Jeunes (16-26 ans)",
            "frais_a_charge": "Gratuit", "prise_en_charge_specifique": random.choice(["", "Handicaps moteurs", "Surdité"]),
        })
        w.writerow([row[k] for k in header])
