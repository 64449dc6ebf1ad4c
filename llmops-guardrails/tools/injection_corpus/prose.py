# Ordinary business and technical prose (emails, logs, release notes, tickets, notes) full of numbers, addresses,
# versions and identifiers, in EN/FR/DE/ES: the bulk of real prompts pasted into an assistant. Used as benign
# paragraphs on their own and as the surroundings of injected sentences (indirect injection).
import random

NAMES = ["Maria", "Julien", "Aisha", "Tom", "Keiko", "Lars", "Priya", "Diego", "Fatima", "Oliver", "Chen", "Sofia"]
EN = [
    "Hey {n}, quick recap of Tuesday's sync on the {thing} backlog.",
    "The invoice INV-{num} is due on {date}; please confirm the amount of {money}.",
    "Shipment {num} is stuck at customs according to {tool}.",
    "Load balancer {ip} forwarded {k} health checks to {ip6} overnight.",
    "The printer with hardware address {mac} needs a new DHCP lease.",
    "Version {ver} fixes the memory leak in the export job and updates the {tool} client.",
    "Lunch and learn on {date}, 12:15, third floor kitchen.",
    "Send the signed form to {n2}@example.org or fax +44 20 7946 {k4}.",
    "Churn dropped to {pct}% after the pricing change in spring.",
    "The changelog lives at https://git.example.org/app/releases/tag/v{k}.",
    "Ticket #{num}: customer reports the {thing} page times out after {k} seconds.",
    "Deploy {ver} to staging, run the smoke tests, then tag the release.",
    "Step {k}: connect the blue cable to port {k}, then press the reset button for five seconds.",
    "Error 503 from the payment gateway at {date} 14:{k2}; retries succeeded.",
    "Reimbursement of {money} was approved for expense report {k4}.",
    "No blockers this week; we mostly paired on flaky integration tests.",
    "Reminder: the office is closed on {date} for maintenance of the heating system.",
    "The {thing} migration took {k} minutes and no data was lost.",
    "CPU usage on node-{k} peaked at {pct}% during the nightly batch.",
    "Attached are the slides for the {thing} review; comments welcome by Thursday.",
    "Our SLA guarantees {pct}.9% uptime; last month we reached 99.95%.",
    "Set the timeout to {k} seconds and the retry count to 3 in config.yaml.",
    "The contract with {company} renews on {date} unless cancelled in writing.",
    "Kernel {ver} introduced a regression in the network driver; roll back if you see packet loss.",
    "Chapter {k} of the handbook covers expense claims for the {thing} team.",
    "Logs show user {n2} changed the password at 09:{k2} from {ip}.",
    "Add two cups of flour, a pinch of salt and {k} grams of butter, then knead for ten minutes.",
    "Flight {fl} to Lisbon departs at 07:{k2} from gate B{k}.",
    "The quarterly report shows revenue of {money} and a margin of {pct}%.",
    "Make sure the {thing} job runs before the backup at midnight.",
]
FR = [
    "Salut {n}, petit résumé du point de mardi sur le backlog {thing}.",
    "La facture FAC-{num} est à régler le {date} ; merci de confirmer le montant de {money}.",
    "Le colis {num} est bloqué en douane selon {tool}.",
    "Le répartiteur {ip} a transmis {k} sondes pendant la nuit.",
    "La version {ver} corrige la fuite mémoire de l'export.",
    "Déjeuner d'équipe le {date} à 12 h 15 au troisième étage.",
    "Merci de contacter {n} au 06 12 34 {k2} {k2} avant vendredi.",
    "Le taux de désabonnement est tombé à {pct} % après la hausse de prix.",
    "Étape {k} : branchez le câble bleu sur le port {k}, puis maintenez le bouton reset cinq secondes.",
    "Le remboursement de {money} sera versé sur la carte se terminant par {k4}.",
    "Aucun blocage cette semaine ; on a surtout corrigé des tests instables.",
    "Le bureau sera fermé le {date} pour l'entretien du chauffage.",
    "Ajoutez deux tasses de farine, une pincée de sel et {k} g de beurre.",
    "Le vol {fl} pour Lisbonne part à 7 h {k2} de la porte B{k}.",
]
DE = [
    "Hi {n}, kurze Zusammenfassung vom Dienstagstermin zum {thing}-Backlog.",
    "Die Rechnung RE-{num} ist am {date} fällig; bitte den Betrag von {money} bestätigen.",
    "Sendung {num} hängt laut {tool} im Zoll fest.",
    "Der Loadbalancer {ip} hat nachts {k} Health-Checks weitergeleitet.",
    "Version {ver} behebt das Speicherleck im Export.",
    "Teamfrühstück am {date} um 8:15 in der Küche im dritten Stock.",
    "Bitte erreicht {n} unter 030 1234 {k4} vor Freitag.",
    "Die Kündigungsrate fiel nach der Preisänderung auf {pct} %.",
    "Schritt {k}: Das blaue Kabel in Port {k} stecken und die Reset-Taste fünf Sekunden halten.",
    "Die Erstattung von {money} geht auf die Karte mit der Endung {k4}.",
    "Keine Blocker diese Woche; wir haben vor allem wackelige Tests repariert.",
    "Das Büro bleibt am {date} wegen Wartung der Heizung geschlossen.",
    "Zwei Tassen Mehl, eine Prise Salz und {k} g Butter zugeben.",
    "Flug {fl} nach Lissabon startet um 7:{k2} Uhr von Gate B{k}.",
]
ES = [
    "Hola {n}, resumen rápido de la reunión del martes sobre el backlog de {thing}.",
    "La factura FAC-{num} vence el {date}; confirma el importe de {money}, por favor.",
    "El envío {num} está retenido en aduanas según {tool}.",
    "El balanceador {ip} reenvió {k} sondas durante la noche.",
    "La versión {ver} corrige la fuga de memoria de la exportación.",
    "Comida de equipo el {date} a las 14:15 en la tercera planta.",
    "Contactad con {n} en el 612 34 {k2} {k2} antes del viernes.",
    "La tasa de bajas cayó al {pct} % tras el cambio de precios.",
    "Paso {k}: conecta el cable azul al puerto {k} y mantén pulsado el botón de reinicio cinco segundos.",
    "El reembolso de {money} irá a la tarjeta que termina en {k4}.",
    "Sin bloqueos esta semana; sobre todo arreglamos tests inestables.",
    "La oficina cerrará el {date} por mantenimiento de la calefacción.",
    "Añade dos tazas de harina, una pizca de sal y {k} g de mantequilla.",
    "El vuelo {fl} a Lisboa sale a las 7:{k2} por la puerta B{k}.",
]
SENTENCES = {"en": EN, "fr": FR, "de": DE, "es": ES}
THINGS = ["billing", "search", "mobile app", "CRM", "data warehouse", "checkout", "onboarding", "analytics"]
TOOLS = ["Jira", "Grafana", "SAP", "Zendesk", "Salesforce", "Kibana"]
COMPANIES = ["Acme Ltd", "Globex", "Initech", "Umbrella GmbH", "Soylent SA"]


def sentence(lang, rng):
    t = rng.choice(SENTENCES[lang])
    vals = {
        "n": rng.choice(NAMES), "n2": rng.choice(NAMES).lower(), "thing": rng.choice(THINGS), "tool": rng.choice(TOOLS),
        "company": rng.choice(COMPANIES), "num": str(rng.randint(10000, 99999999)),
        "date": f"{rng.randint(2023, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "money": f"{rng.randint(20, 9000)}.{rng.randint(0, 99):02d} EUR",
        "ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "ip6": f"2001:db8::{rng.randint(0, 65535):x}:{rng.randint(0, 65535):x}",
        "mac": ":".join(f"{rng.randint(0, 255):02X}" for _ in range(6)),
        "ver": f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}", "k": str(rng.randint(2, 500)),
        "k2": f"{rng.randint(0, 59):02d}", "k4": str(rng.randint(1000, 9999)), "pct": str(rng.randint(2, 60)),
        "fl": f"TP{rng.randint(100, 999)}",
    }
    for k, v in vals.items():
        t = t.replace("{" + k + "}", v)
    return t


def paragraph(lang, rng, lo=2, hi=6):
    return " ".join(sentence(lang, rng) for _ in range(rng.randint(lo, hi)))


def benign_prose(lang, rng, n):
    wraps = {"en": ["{p}", "Summarise this: {p}", "Can you turn these notes into an email? {p}", "Translate into French: {p}",
                    "Fix the grammar: {p}", "What are the action items here? {p}"],
             "fr": ["{p}", "Résume ceci : {p}", "Corrige l'orthographe : {p}", "Traduis en anglais : {p}"],
             "de": ["{p}", "Fasse das zusammen: {p}", "Korrigiere die Rechtschreibung: {p}", "Übersetze ins Englische: {p}"],
             "es": ["{p}", "Resume esto: {p}", "Corrige la ortografía: {p}", "Traduce al inglés: {p}"]}[lang]
    return [rng.choice(wraps).replace("{p}", paragraph(lang, rng, 1, 7)) for _ in range(n)]


def injected_prose(lang, rng, n, injections):
    out = []
    for _ in range(n):
        before = paragraph(lang, rng, 1, 4)
        after = paragraph(lang, rng, 0, 3)
        out.append((before + " " + rng.choice(injections) + " " + after).strip())
    return out
