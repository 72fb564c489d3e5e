/*
 * Vocabularies of the synthetic network (see words.h). Invented, and mixed
 * on purpose: accented and hyphenated names, several scripts' worth of
 * Latin-alphabet spellings, multi-word surnames, so that folding and
 * prefix lookup are exercised the way a real address book does.
 */
#include "words.h"

#define LIST(name, ...)                                                      \
	static const char *const name##_v[] = { __VA_ARGS__ };                \
	const struct wordlist name = { name##_v, sizeof(name##_v) / sizeof(name##_v[0]) }

LIST(gen_first_names,
	"Ada", "Adrián", "Agnieszka", "Aisha", "Akira", "Alejandro", "Alice", "Amara",
	"Amélie", "Ana", "Anders", "Andrea", "Andrés", "Anh", "Anna", "Anne-Marie",
	"Antoine", "Arjun", "Åsa", "Astrid", "Ayumi", "Beatriz", "Ben", "Björn",
	"Bruno", "Camille", "Carlos", "Carmen", "Chen", "Chiara", "Chidi", "Chloé",
	"Ciarán", "Clara", "Daniel", "Dario", "David", "Deepa", "Diego", "Dmitri",
	"Elena", "Elif", "Eliza", "Emeka", "Emil", "Émile", "Emma", "Esther",
	"Ethan", "Fatima", "Felix", "Fernando", "Finn", "François", "Freya", "Gabriel",
	"Grace", "Hana", "Hannah", "Hiroshi", "Ibrahim", "Inês", "Ingrid", "Isabel",
	"Ivan", "Jakub", "James", "Jana", "Javier", "Jean-Luc", "Jin", "João",
	"Jonas", "Jörg", "José", "Julia", "Jürgen", "Kai", "Karim", "Kate",
	"Kemal", "Kenji", "Kofi", "Kwame", "Lars", "Laura", "Layla", "Léa",
	"Leo", "Liam", "Lina", "Ling", "Lucas", "Lucía", "Łukasz", "Maja",
	"Małgorzata", "Malik", "Mara", "Marco", "María", "Mateo", "Maya", "Mei",
	"Mia", "Miguel", "Mina", "Mohammed", "Mónica", "Nadia", "Naomi", "Nikhil",
	"Nina", "Noah", "Noor", "Olga", "Oliver", "Omar", "Oskar", "Paolo",
	"Pedro", "Petra", "Priya", "Rafael", "Rahul", "Raúl", "Ravi", "Renée",
	"Rosa", "Ruth", "Sakura", "Sam", "Samir", "Santiago", "Sara", "Sebastián",
	"Siddharth", "Simone", "Sinéad", "Siobhán", "Sofia", "Søren", "Stefan", "Sunita",
	"Tariq", "Teresa", "Thomas", "Tomás", "Uma", "Valentina", "Victor", "Wei",
	"Xavier", "Yara", "Yasmin", "Yuki", "Yusuf", "Zainab", "Zoë", "Zofia",
	"Adebayo", "Aleksander", "Anya", "Beatrix", "Cem", "Dagny", "Eun-ji", "Farah",
	"Gustavo", "Helga", "Ilse", "Ji-woo", "Kalani", "Leilani", "Mirela", "Nils",
	"Oona", "Pilar", "Quentin", "Rania", "Saoirse", "Thiago", "Ursula", "Vikram");

LIST(gen_last_names,
	"Abara", "Adeyemi", "Ahmed", "Álvarez", "Andersson", "Ångström", "Bauer", "Becker",
	"Berg", "Bianchi", "Brown", "Byrne", "Castillo", "Chen", "Chowdhury", "Cohen",
	"Costa", "da Silva", "Dubois", "Dupont", "Eriksson", "Fernández", "Fischer", "Fontaine",
	"García", "García-López", "Gómez", "González", "Gupta", "Haddad", "Hansen", "Hernández",
	"Hoffmann", "Horváth", "Ibrahim", "Ito", "Jansen", "Jensen", "Johansson", "Kaur",
	"Khan", "Kim", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee", "Lefèvre",
	"Lévesque", "Li", "Lindqvist", "López", "Martin", "Martínez", "Mensah", "Meyer",
	"Molnár", "Moreau", "Müller", "Müller-Schmidt", "Nakamura", "Nair", "Nguyen", "Nilsson",
	"Novák", "Nowak", "Núñez", "O'Brien", "Okafor", "Okoye", "Olsen", "Owusu",
	"Park", "Patel", "Pereira", "Petrov", "Popescu", "Quintero", "Rivera", "Rossi",
	"Russo", "Sánchez", "Sato", "Schmidt", "Schneider", "Silva", "Singh", "Smith",
	"Sørensen", "Suzuki", "Svensson", "Tanaka", "Taylor", "Thompson", "Torres", "van der Berg",
	"Varga", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "Weiss", "Wiśniewski",
	"Wójcik", "Wu", "Yamamoto", "Yılmaz", "Zhang", "Zhou", "Żukowski", "Achterberg",
	"Bakker", "Banerjee", "Baptiste", "Bergström", "Boateng", "Çelik", "Dąbrowski", "de Jong",
	"Delacroix", "Demir", "Dvořák", "Ekström", "Estrada", "Falk", "Ferreira", "Gallagher",
	"Gauthier", "Greco", "Guerrero", "Halvorsen", "Hashemi", "Holm", "Iyer", "Jovanović",
	"Kapoor", "Karlsson", "Kaya", "Keller", "Kovačević", "Krause", "Lambert", "Le Roux",
	"Lindgren", "Lombardi", "Lund", "Mahlangu", "Marchetti", "Mazur", "Mbeki", "Medina",
	"Menon", "Mikkelsen", "Moreno", "Morales", "Murphy", "Nakagawa", "Ndlovu", "Nieminen",
	"Novotná", "Obi", "O'Connor", "Ortega", "Papadopoulos", "Pham", "Pires", "Quinn",
	"Rahman", "Ramos", "Reyes", "Richter", "Rodrigues", "Romero", "Saarinen", "Saito",
	"Salazar", "Santos", "Schulz", "Shah", "Sharma", "Sokolov", "Stein", "Suárez",
	"Szabó", "Takahashi", "Tran", "Ueda", "Vargas", "Vasquez", "Virtanen", "Vogel",
	"Wolff", "Yamada", "Yoon", "Zaragoza", "Zieliński", "Zimmermann");

LIST(gen_org_stems,
	"Acme", "Northwind", "Blue Harbor", "Lumen", "Quill", "Fjord", "Brightline", "Monnaie",
	"Ledgerly", "Kestrel", "Solar Commons", "Vistula", "Atelier Nord", "Granite", "Meridian", "Cobalt",
	"Juniper", "Tidewater", "Orchard", "Helix", "Sable", "Wren", "Harbor & Pine", "Copperleaf",
	"Aster", "Bramble", "Cascade", "Driftwood", "Ember", "Foxglove", "Galena", "Hollow Oak",
	"Iris", "Jasper", "Kite", "Lantern", "Mosaic", "Nimbus", "Obsidian", "Pioneer",
	"Quartz", "Riverbend", "Saltmarsh", "Terra", "Umbra", "Vantage", "Willow", "Yarrow",
	"Zephyr", "Alder", "Beacon", "Cinder", "Delta", "Evergreen", "Falcon", "Glacier",
	"Heron", "Indigo", "Kindling", "Larch", "Marigold", "Nova", "Oriel", "Pinnacle",
	"Redwood", "Summit", "Thistle", "Upland", "Verdant", "Wayfarer");

LIST(gen_org_suffixes,
	"Labs", "Health", "Capital", "Partners", "Analytics", "Robotics", "University", "School",
	"Foundation", "Studio", "Systems", "Energy", "Bank", "Media", "Games", "Ventures",
	"Logistics", "Bio", "Learning", "Consulting", "Design", "Software", "Insurance", "Foods",
	"Mobility", "Security", "Cloud", "Data", "Institute", "Collective", "Group", "Works",
	"Pay", "AI", "Clinic");

LIST(gen_titles,
	"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Principal Engineer",
	"Engineering Manager", "VP Engineering", "CTO", "CEO", "Founder", "Co-founder",
	"Founder & CEO", "Product Manager", "Senior Product Manager", "Head of Product",
	"Product Designer", "Design Director", "UX Researcher", "Data Scientist",
	"Machine Learning Engineer", "Data Engineer", "Analyst", "Partner", "Principal",
	"Associate", "Investor", "Recruiter", "Head of Talent", "Marketing Manager",
	"Growth Lead", "Head of Sales", "Account Executive", "Customer Success Manager",
	"Operations Manager", "COO", "CFO", "Teacher", "Professor", "Researcher",
	"PhD Student", "Program Manager", "Community Manager", "Developer Advocate",
	"Journalist", "Editor", "Writer", "Consultant", "Lawyer", "Policy Advisor",
	"Nurse", "Physician", "Architect", "Illustrator", "Head of Curriculum", "Director");

LIST(gen_locations,
	"San Francisco", "New York", "London", "Paris", "Berlin", "Madrid", "Lisbon", "Amsterdam",
	"Stockholm", "Oslo", "Copenhagen", "Helsinki", "Zürich", "Vienna", "Prague", "Kraków",
	"Warsaw", "Budapest", "Milan", "Rome", "Barcelona", "Dublin", "Edinburgh", "Manchester",
	"Malmö", "Göteborg", "Munich", "Hamburg", "Lyon", "Montréal", "Toronto", "Vancouver",
	"Seattle", "Austin", "Boston", "Chicago", "Denver", "Los Angeles", "Mexico City", "Bogotá",
	"São Paulo", "Buenos Aires", "Santiago", "Lagos", "Accra", "Nairobi", "Cape Town", "Cairo",
	"Istanbul", "Tel Aviv", "Dubai", "Bengaluru", "Mumbai", "Delhi", "Singapore", "Jakarta",
	"Tokyo", "Seoul", "Shanghai", "Sydney", "Melbourne", "Auckland", "Reykjavík", "Tallinn");

/* Most common first: the generator draws ranks from a Zipf law. */
LIST(gen_tags,
	"ai", "startups", "product", "design", "education", "fintech", "climate", "engineering",
	"leadership", "data-science", "marketing", "python", "investing", "health", "mentor", "founders",
	"open-source", "ux", "hiring", "remote-work", "machine-learning", "writing", "sales", "venture-capital",
	"rust", "javascript", "cloud", "security", "research", "edtech", "healthtech", "energy",
	"running", "books", "photography", "cooking", "coaching", "public-speaking", "policy", "nonprofit",
	"music", "travel", "parenting", "podcasts", "growth", "community", "go", "typescript",
	"devops", "kubernetes", "privacy", "databases", "analytics", "mobile", "ios", "android",
	"robotics", "hardware", "biotech", "payments", "crypto", "gaming", "media", "journalism",
	"law", "consulting", "finance", "operations", "supply-chain", "logistics", "retail", "e-commerce",
	"real-estate", "mobility", "space", "agtech", "food", "sustainability", "social-impact", "diversity",
	"women-in-tech", "volunteering", "alumni", "teaching", "academia", "phd", "economics", "philosophy",
	"history", "languages", "cycling", "climbing", "hiking", "yoga", "chess", "board-games",
	"jazz", "piano", "guitar", "film", "theatre", "art", "illustration", "typography",
	"architecture", "urbanism", "housing", "transport", "electric-vehicles", "batteries", "solar", "wind",
	"carbon-markets", "circular-economy", "water", "oceans", "conservation", "agriculture", "nutrition", "mental-health",
	"neuroscience", "genomics", "drug-discovery", "medtech", "digital-health", "insurtech", "proptech", "legaltech",
	"govtech", "civic-tech", "open-data", "open-banking", "regtech", "accounting", "tax", "bootstrapping",
	"angel-investing", "fundraising", "product-management", "engineering-management", "people-ops", "recruiting", "hr", "culture",
	"ethics", "ai-safety", "llms", "nlp", "computer-vision", "reinforcement-learning", "mlops", "data-engineering",
	"sql", "postgres", "sqlite", "distributed-systems", "compilers", "programming-languages", "haskell", "ocaml",
	"elixir", "erlang", "c", "cpp", "java", "kotlin", "swift", "scala",
	"webassembly", "frontend", "backend", "api-design", "developer-tools", "testing", "accessibility", "performance",
	"observability", "sre", "networking", "linux", "embedded", "iot", "quantum", "hpc",
	"blockchain", "web3", "defi", "ar-vr", "3d-printing", "drones", "semiconductors", "5g",
	"telecom", "aerospace", "automotive", "manufacturing", "construction", "fashion", "beauty", "sports",
	"esports", "streaming", "creator-economy", "newsletters", "content-strategy", "seo", "brand", "pr",
	"events", "conferences", "meetups", "hackathons", "coding-bootcamps", "lifelong-learning", "early-childhood", "higher-ed",
	"k12", "special-education", "literacy", "stem", "girls-who-code", "refugees", "immigration", "human-rights",
	"international-development", "global-health", "public-health", "epidemiology", "elder-care", "disability", "inclusion", "lgbtq",
	"faith", "meditation", "mindfulness", "wellbeing", "sleep", "fitness", "swimming", "sailing",
	"skiing", "surfing", "football", "basketball", "tennis", "golf", "marathon", "triathlon",
	"gardening", "baking", "coffee", "wine", "beer", "whisky", "tea", "vegan",
	"poetry", "fiction", "sci-fi", "comics", "anime", "photography-film", "painting", "ceramics",
	"woodworking", "knitting", "sewing", "diy", "home-automation", "ham-radio", "astronomy", "birdwatching",
	"mycology", "foraging", "beekeeping", "dogs", "cats", "horses", "genealogy", "archaeology",
	"linguistics", "translation", "calligraphy", "origami", "magic", "improv", "stand-up", "dance",
	"salsa", "tango", "opera", "choir", "violin", "cello", "drums", "synthesizers");

LIST(gen_goals,
	"raise a seed round", "raise a series a", "move into product management", "become an engineering manager",
	"find a cofounder", "hire a head of data", "hire a first designer", "switch to climate work",
	"get into venture capital", "start an edtech company", "publish a book", "speak at a conference",
	"find a mentor", "mentor junior engineers", "move to Berlin", "move back home",
	"finish the phd", "get a board seat", "launch an open-source project", "grow the newsletter to 10k",
	"find a job in fintech", "land a remote role", "learn rust", "start a podcast",
	"build a community of practice", "launch an AI literacy course", "find pilot customers", "sell the company",
	"take a sabbatical", "run a marathon");

LIST(gen_met,
	"met at PyCon", "met at RustConf", "met at Web Summit", "met at Slush", "met at a climate meetup",
	"met at a founders dinner", "met at a friend's wedding", "met at university", "met at the old job",
	"met at a hackathon", "met on a conference panel", "met through the alumni network", "met at a book club",
	"met on a flight", "met at the kids' school", "met at a coworking space", "met at the climbing gym",
	"met at an AI in Education meetup", "met at a design workshop", "met at an accelerator demo day",
	"met in an online community", "met at a running club", "met at a fintech meetup", "met at a product camp",
	"met at a nonprofit board meeting");

LIST(gen_person_notes,
	"Prefers calls on Friday mornings.", "Two kids; daughter just started school.",
	"Vegetarian; loves the ramen place near the station.", "Moving to a new city next year.",
	"Very generous with intros to investors.", "Always has great book recommendations.",
	"Working on a side project about {t}.", "Wants to hear about anything on {t}.",
	"Ask about the marathon training.", "Just back from parental leave.",
	"Runs a small meetup on {t}.", "Writes a newsletter about {t}.",
	"Thinking about leaving the company.", "Learning Japanese.",
	"Good person to ask about hiring.", "Helped me prepare for the board meeting.",
	"Interested in mentoring.", "Plays in a jazz band on weekends.",
	"Was my manager at the old job.", "Hosts a dinner for founders every quarter.",
	"Looking for a cofounder with a {t} background.", "Recently promoted.",
	"Has a dog called Biscuit.", "Dislikes long email threads; prefers voice notes.",
	"Wants feedback on the pitch deck.", "Knows everyone in the {t} scene.");

LIST(gen_date_labels,
	"work anniversary", "wedding anniversary", "started company", "graduation", "name day");

LIST(gen_mail_domains,
	"gmail.com", "outlook.com", "proton.me", "icloud.com", "fastmail.com", "yahoo.com", "hey.com",
	"posteo.de", "gmx.de", "orange.fr");

LIST(gen_notes_talk,
	"talked about her school project", "talked about his school project", "shared notes on fundraising",
	"caught up about {t}", "swapped ideas on {t}", "long walk, talked about {t} and family",
	"advice on pricing the pilot", "talked through the job offer", "went over the pitch deck",
	"compared notes on hiring engineers", "discussed the move to a new team", "brainstormed a talk on {t}",
	"mentoring chat: career ladder and writing", "talked about burnout and taking time off",
	"reviewed the roadmap together", "planned the {t} meetup", "talked about the new baby",
	"debrief after the conference", "talked about their {t} research", "lunch, mostly about {t}",
	"coffee near the office, talked about kids and {t}", "walked through the grant application",
	"talked about switching into {t}", "celebrated the launch", "talked about the sabbatical plans",
	"discussed board dynamics", "went through the term sheet", "chatted about {t} books",
	"quick sync on the open-source project", "talked about learning rust", "climbing gym, talked about the move",
	"dinner with the team, talked about {t}", "met at the {t} event, promised to follow up");

LIST(gen_notes_write,
	"quick check-in", "sent congratulations on the new role", "followed up on our chat about {t}",
	"asked how the launch went", "sent the slides from the talk", "replied about the {t} meetup",
	"thanked them for the intro", "happy new year message", "wished luck with the fundraising",
	"sent a link about {t}", "checked in after the conference", "shared the job posting",
	"congratulated them on the promotion", "replied to the newsletter about {t}",
	"sent notes from the workshop", "asked about the {t} course", "followed up on the offer");

LIST(gen_notes_give,
	"sent the article on {t}", "shared a podcast episode about {t}", "intro to a friend working on {t}",
	"recommended them for the speaker slot", "praised the talk publicly", "reviewed their resume",
	"gave feedback on the pitch deck", "shared a fellowship for {t}", "thanked them for the advice on pricing",
	"wrote a LinkedIn recommendation", "helped with the grant application", "shared the {t} report",
	"introduced them to an investor", "sent a book about {t}");

LIST(gen_notes_ask,
	"asked for a referral at their company", "asked for advice on {t}", "asked for an intro to an investor",
	"asked for feedback on the draft", "asked them to speak at the meetup", "referral for the PM role",
	"asked about openings in {t}");
