"""How directors really phrase the questions they expect (paraphrases, typos, slang), each with the position
of the seed worksheet's FAQ entry that answers it. Shared by tests/worksheets/test_faq_suggestions.py and
bench/faq_suggestions.py."""

PHRASINGS: list[tuple[str, int]] = [
    # 1. How many cities have an alternative response program?
    ("Which other cities are doing this already?", 1),
    ("how many towns have one of these programs", 1),
    ("Is anyone else in the country running alt response?", 1),
    ("number of jurisdictions with community responders", 1),
    ("How many citys have programs like this", 1),
    ("Who else has one?", 1),
    # 2. How many calls go to alternative response programs each year?
    ("What's the call volume for these teams?", 2),
    ("how many 911 calls do they handle a year", 2),
    ("How busy are alternative responders annually?", 2),
    ("How many calls get diverted from police every yr", 2),
    ("what are the numbers on calls resolved", 2),
    # 3. Are programs like this safe?
    ("Isn't it dangerous to send unarmed people?", 3),
    ("Will my staff get hurt?", 3),
    ("is this safe for the responders", 3),
    ("What about violence against the team?", 3),
    ("Sounds risky to me", 3),
    ("how safe are these programmes", 3),
    # 4. Do alternative response teams replace police?
    ("Are you trying to replace the cops?", 4),
    ("Is this defund the police?", 4),
    ("Will officers lose their jobs?", 4),
    ("Does this take over police work?", 4),
    ("are they a substitute for the PD", 4),
    ("sending them instead of law enforcement?", 4),
    # 5. Why have an alternative response team?
    ("Why should the city bother with this?", 5),
    ("What are the benefits?", 5),
    ("what's the point of an alternative team", 5),
    ("Make the case for this program", 5),
    ("why do we need alt response", 5),
    # 6. Does sending alternative responders increase my city's legal liability risk?
    ("Could we get sued?", 6),
    ("What about lawsuits if something goes wrong?", 6),
    ("is the city liable", 6),
    ("liabilty concerns", 6),
    ("How does this affect our insurance?", 6),
    ("legal risk for the municipality", 6),
    # 7. Could alternative response teams help lower crime rates?
    ("Will this reduce crime?", 7),
    ("does it do anything for the crime rate", 7),
    ("Can it prevent crimes in our neighbourhoods?", 7),
    ("will there be less crime", 7),
    ("impact on crme rates", 7),
    # 8. Where can I learn more?
    ("Where can I read more about this?", 8),
    ("Any research or reports?", 8),
    ("Where do I find more info", 8),
    ("is there a toolkit", 8),
    ("further reading please", 8),
]
