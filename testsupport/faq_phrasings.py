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


def _message(text: str) -> str:
    """A message written across source lines, as one line."""
    return " ".join(text.split())


# How stakeholders write to the director (and how she pastes what they sent): long, personal, several
# sentences, paraphrase rather than the FAQ's words, typos. Each with the FAQ entry that answers it, labelled
# by what the writer asks, not by what the engine finds. The engine's rules were tuned on this set;
# STAKEHOLDER_HELD_OUT below measures it on messages it was not tuned on.
STAKEHOLDER_PHRASINGS: list[tuple[str, int]] = [
    # A police chief, issue 30's example.
    (
        _message(
            """I've got 212 sworn officers and a contract that says we respond to every call in this city.
            Who is going to answer to me when one of your counselors walks into something and gets hurt?"""
        ),
        6,
    ),
    (
        _message(
            """Our city attorney already told the council she has concerns. If a civilian team shows up at
            a call and somebody ends up dead, the family isn't going to sue the nonprofit, they're going
            to come after the city. Has anybody actually looked at who carries that exposure?"""
        ),
        6,
    ),
    (
        _message(
            """I sit on the risk committee and our premiums went up twice in three years. Putting untrained
            peopel on 911 calls sounds like exactly the kind of thing our carrier will hate. What
            happens to our coverage?"""
        ),
        6,
    ),
    (
        _message(
            """As the 911 director I'm the one whose dispatchers pick who goes. If we send your folks and
            it goes sideways, is my center on the hook for that decision?"""
        ),
        6,
    ),
    (
        _message(
            """My guys get spit on, punched, and worse on welfare checks every week. You're telling me a
            social worker with a clipboard and no backup is going to walk into that? I don't see how
            that ends well."""
        ),
        3,
    ),
    (
        _message(
            """I represent the officers, and our members want to know something simple. When a call turns
            violent halfway through, what happens to the people you send out there? How often does that
            actually happen in the cities that do this?"""
        ),
        3,
    ),
    (
        _message(
            """We had a mental health call last spring where a man pulled a knife on the first officer
            through the door. I can't imagine sending someone unarmed to that. How do you keep your
            staff from getting injured?"""
        ),
        3,
    ),
    (
        _message(
            """Let me be blunt. Every time I hear 'alternative response' I hear 'defund'. My members want
            to know if this is the first step to cutting positions in the department and handing our
            work to somebody else."""
        ),
        4,
    ),
    (
        _message(
            """I've been a patrol officer for 19 years and I've seen programs come and go. Is the plan to
            eventually take the police out of mental health calls entirely? Because that's what the
            activists at the last council meeting were saying."""
        ),
        4,
    ),
    (
        _message(
            """I need to explain this to my rank and file without a riot. Are your people going to be doing
            our job, or working beside us? What's left for us?"""
        ),
        4,
    ),
    (
        _message(
            """My neighborhood association cares about one thing: break-ins and car thefts are up. Sending
            a counselor to someone having a bad day doesn't do anything about that, does it? Show me it
            helps with the stuff people actually call me about."""
        ),
        7,
    ),
    (
        _message(
            """I'm going to be asked by the mayor whether this moves the needle on public safety or if it's
            just a nice social program. Is there any evidence that neighborhoods with these teams see
            fewer offenses?"""
        ),
        7,
    ),
    (
        _message(
            """My call-takers answered 180,000 calls last year and we are short eleven positions. Before I
            change a single protocal I want to know how much of that load teams like yours really pick
            up. Are we talking a handful a day or thousands?"""
        ),
        2,
    ),
    (
        _message(
            """Give me real figures. Across the country, how much work are these responders actually doing,
            how many 911 calls have they taken off the board?"""
        ),
        2,
    ),
    (
        _message(
            """Nobody on this council wants to be the guinea pig. Has any place our size actually done
            this, or are we the first? I'd like to call someone who's run one."""
        ),
        1,
    ),
    (
        _message(
            """I was at the state chiefs' conference and heard a couple of departments mention setups like
            this. How widespread is this really? Is it a few big coastal cities or is it everywhere now?"""
        ),
        1,
    ),
    (
        _message(
            """We already have CIT-trained officers and a mobile crisis line through the county. Why does
            this city need yet another program on top of that? What problem is it solving that we
            aren't?"""
        ),
        5,
    ),
    (
        _message(
            """I get asked by taxpayers every week why we'd spend money on this. What do I tell them we get
            out of it?"""
        ),
        5,
    ),
    (
        _message(
            """This is a lot to take in before a budget vote. Is there something I can read on my own time,
            a report, a study, a website, that lays it all out?"""
        ),
        8,
    ),
    (
        _message(
            """Can you send me where you're getting all this from? I want to look at the research myself
            before the work session, not just take your word for it."""
        ),
        8,
    ),
    # Written as a held-out batch, but the synonyms were written with these in view: tuning set since.
    (
        _message(
            """Frankly the council members I talk to are scared of the headlines and the settlements. One
            bad outcome and we're paying out millions. Convince me this dosen't open the city up to more
            claims."""
        ),
        6,
    ),
    (
        _message(
            """Listen, I've buried two officers in my career. Before I put my name on anything I need to
            know the teams come home in one peice. What are the numbers on them getting assaulted or
            needing rescue?"""
        ),
        3,
    ),
    (
        _message(
            """Our dispatchers worry about the call-taker who sends a two-person civilian team to an
            address with a history. What keeps those responders out of harms way?"""
        ),
        3,
    ),
    (
        _message(
            """Council approved 14 new officer positions last budget cycle. If this program grows, does
            that money move over to you guys and we lose the positions?"""
        ),
        4,
    ),
    (
        _message(
            """honestly my consitutents think this is a way to get rid of the cops. what do I tell them at
            the town hall"""
        ),
        4,
    ),
    (
        _message(
            """Downtown businesses keep telling me about shoplifting and people camping in doorways. Would
            this actually make the streets better, or just move the problem around?"""
        ),
        7,
    ),
    (
        _message(
            """we're drowning in welfare checks and noise complaints. realistically how many of those would
            your team absorb over a year"""
        ),
        2,
    ),
    (
        _message(
            """Are there other communities in our state or region that already have something like this up
            and running?"""
        ),
        1,
    ),
    (
        _message(
            """Help me understand the purpose here. What is this team supposed to do better than what we
            have now?"""
        ),
        5,
    ),
    (
        _message(
            """who should my staff contact or what should they look at to get up to speed on how these
            programs work elsewhere"""
        ),
        8,
    ),
    # Held out from the first round of rules, then used to tune the second.
    (
        _message(
            """Our center runs on a tight protocol tree and every minute a call sits in queue gets reported
            to the council. If a call-taker routes something to your team and the situation gets worse,
            whose protocol failed, legally speaking? I need to know before my supervisors do."""
        ),
        6,
    ),
    (
        _message(
            """Half my membership thinks this is a PR stunt and the other half thinks it's the start of
            layoffs. I'm going to need something in writing that says this doesn't shrink the
            department."""
        ),
        4,
    ),
    (
        _message(
            """I voted for the crisis line two years ago and I'm still waiting to see results. What makes
            you think this will be different, and why should it be a priority over fixing roads?"""
        ),
        5,
    ),
    (
        _message(
            """We respond to a lot of people in crisis who are high, drunk or both, and some of them get
            combative fast. Your folks won't have tasers or cuffs. What's the track record out there for
            teams like yours getting into trouble on scene?"""
        ),
        3,
    ),
    (
        _message(
            """Residents in ward 3 keep emailing me about needles in the park and people breaking into
            cars. If I back this, can I tell them it will actually bring those numbers down?"""
        ),
        7,
    ),
    (
        _message(
            """Roughly what share of 911 traffic do these programs end up handling once they're running?
            I'm trying to figure out whether it's worth retraining my whole floor."""
        ),
        2,
    ),
    (
        _message(
            """I'd want to talk to a chief somewhere that's been doing this a few years. How many
            departments actually have one of these running now?"""
        ),
        1,
    ),
    (
        _message(
            """I'm not against it but I don't know enough yet. Is there a place I can go to get the
            background, the data and how other places set theirs up?"""
        ),
        8,
    ),
    (
        _message(
            """When my officers show up as backup to your team and somebody gets hurt, who pays? The city,
            your agency, or my guys personally?"""
        ),
        6,
    ),
    (
        _message(
            """Frankly I've had people with no training show up at scenes before and it made my officers'
            job harder, not easier. Why would I want a civilian team out there at all?"""
        ),
        5,
    ),
    # Held out from the second round of rules (measured once), then used to tune the third.
    (
        _message(
            """Picture this: your two responders knock on a door at 2 a.m., and the guy inside has been
            drinking and has a history with us. What's your plan when that visit turns ugly, and what's
            happened in other places when it did?"""
        ),
        3,
    ),
    (
        _message(
            """My colleagues will want to know whether we're taking on a new kind of risk for the general
            fund. If a family decides we sent the wrong people, what does that cost us?"""
        ),
        6,
    ),
    (
        _message(
            """Twenty years ago they said civilians would handle the parking tickets and we'd focus on real
            policing. Then the budget followed the civilians. Tell me why this time is different for my
            members."""
        ),
        4,
    ),
    ("How big is this, really? Are we talking dozens of responses nationwide or hundreds of thousands?", 2),
    ("People in my ward don't feel safe walking to the bus stop. Will this make a dent in that or not?", 7),
    ("Who's already doing this that I could call? I'd rather hear it from a peer than from a consultant.", 1),
    ("council member Reyes - wants to know what we get for the money vs. just hiring more officers", 5),
    (
        _message(
            """Is there anything written down, a playbook or evaluation, that my deputy could go through
            before we meet?"""
        ),
        8,
    ),
    (
        _message(
            """i'm not gonna lie, my first thought was lawyers. walk me through what happens after an
            incident with one of your people on scene"""
        ),
        6,
    ),
    (
        _message(
            """Are your people trained to handle someone who is armed or are they going to leave that for
            us? I need to know my guys aren't walking into a mess your team started."""
        ),
        3,
    ),
]

# Written after the engine's second round of rules was settled and never used to change them: the benchmark
# reports them apart, as the honest measure of messages the rules were not shaped on.
STAKEHOLDER_HELD_OUT: list[tuple[str, int]] = [
    (
        _message(
            """Thanks for reaching out. Before Thursday I'd like to understand one thing: if a resident is
            harmed during one of these responses, does the city end up in court? Our risk manager will
            ask me and I'd rather have the answer ready."""
        ),
        6,
    ),
    (
        _message(
            """I've had two officers assualted on mental health calls this year alone. What makes you
            confident your staff won't end up in the hospital?"""
        ),
        3,
    ),
    (
        _message(
            """My floor supervisors want to know if this means fewer cops on the road at night. If patrol
            gets cut because your team exists, response times on everything else go up."""
        ),
        4,
    ),
    ("Be straight with me, is the endgame here a smaller police budget?", 4),
    (
        _message(
            """Crime is the number one issue in my district's surveys. Does any of this translate into less
            theft and fewer assaults, or is it mainly about mental health?"""
        ),
        7,
    ),
    (
        "Chief will likely push on whether other departments in the region have tried this and what happened",
        1,
    ),
    (
        _message(
            """Whats the kind of volume we are talking about nationally? I need a sense of scale before I
            bring this to my board."""
        ),
        2,
    ),
    (
        _message(
            """I'm open to it, but the buget is tight. Make me understand why this deserves funding when we
            have so many other needs."""
        ),
        5,
    ),
    ("Send me whatever studies or reports you're basing this on so my analysts can review them.", 8),
    (
        _message(
            """our guys still get called when things go south on your calls, right? so who takes the heat
            legally when your worker made the first decision"""
        ),
        6,
    ),
    # Written after the third round of rules was settled, as the batch before it was: measured once.
    (
        _message(
            """Last winter one of my sergeants spent four hours sitting with a man in crisis at the bus
            station. If your people had been there instead, what would have kept them from getting
            jumped?"""
        ),
        3,
    ),
    (
        _message(
            """The city manager's office flagged this as an 'exposure item' in the draft budget memo. Can
            someone explain in plain English what we'd be exposing ourselves to?"""
        ),
        6,
    ),
    (
        _message(
            """Every time a program like this shows up, my members hear one thing: fewer of us next year.
            What's the honest answer to that?"""
        ),
        4,
    ),
    (
        _message(
            """I have to decide how many call types to route to you in the first year. Roughly what are
            other teams absorbing per year once they're up to speed?"""
        ),
        2,
    ),
    ("I campaigned on making downtown feel safer for small businesses. Where does this fit into that?", 7),
    (
        _message(
            """Before I say yes to anything I'd like to see it working somewhere with our kind of call
            volume. Where is it working?"""
        ),
        1,
    ),
    (
        _message(
            """Explain to me like I'm a taxpayer why a separate team makes more sense than giving officers
            more training."""
        ),
        5,
    ),
    (
        _message(
            """Can you point me at the source material behind these claims? My board will ask where the
            numbers come from."""
        ),
        8,
    ),
    (
        _message(
            """So if your responder makes a bad call on scene and someone ends up in the ER, does that land
            on my department, on the city, or on your nonprofit?"""
        ),
        6,
    ),
    (
        _message(
            """My people have been doing welfare checks for decades. Are you telling me they're going to be
            pulled off those calls and reassigned, or cut?"""
        ),
        4,
    ),
]
