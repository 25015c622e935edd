"""Original demo comments for `manage.py seed_demo --comments-per-article M`, written for this project."""

COMMENTERS = [
    "Maria T.",
    "Dave Kowalski",
    "Jen R.",
    "Marcus Bell",
    "Linda H.",
    "Tomás Ortega",
    "Priya N.",
    "Greg Whitfield",
    "Shannon M.",
    "Kevin O.",
    "Angela Brooks",
    "Rob D.",
    "Keisha Turner",
    "Paul S.",
    "Megan Larsen",
    "Hank W.",
    "Rosa Delgado",
    "Tyler J.",
    "Beth Ann Carver",
    "Sam K.",
    "Diane F.",
    "Carlos Mendes",
    "Lauren P.",
    "Walt Henderson",
    "Nicole Y.",
    "Brian McAllister",
    "Ellen G.",
    "Jamal Price",
    "Heather V.",
    "Steve Nakamura",
]

TOP_LEVEL = [
    (
        "This was really helpful. I sit at a desk eight hours a day and never thought about how "
        "often I lean forward toward the screen until I read this."
    ),
    (
        "I've had on-and-off lower back pain since my second pregnancy. Gentle walking every "
        "morning has made more difference than anything else I've tried."
    ),
    "Thank you for writing this in plain English. I finally understand what my physical therapist meant.",
    (
        "Quick question: does it matter whether you stretch in the morning or at night? "
        "My mornings are hectic, so evenings are easier for me."
    ),
    (
        "I'm a nurse and on my feet for twelve-hour shifts. Switching to better shoes helped my back "
        "more than I expected.\n\nStill working on the lifting part, though. Old habits!"
    ),
    (
        "Sharing this with my dad. He keeps saying his back pain is just part of getting older, "
        "but maybe this will convince him to talk to his doctor about it."
    ),
    (
        "The tip about getting up every thirty minutes is so simple, but I never do it. "
        "Setting a timer on my phone starting today."
    ),
    (
        "I tried the cat-cow stretch from this article and it felt great. "
        "Are there any others you'd recommend for beginners?"
    ),
    (
        "After years of sleeping on a sagging mattress, we finally replaced it last spring. "
        "I wish we had done it sooner."
    ),
    "Great article. Would love to see a follow-up on back pain for people who drive for a living.",
    (
        "My physical therapist told me almost exactly the same thing about core strength. "
        "Nice to see it explained so clearly here."
    ),
    (
        "I garden a lot and always end up sore after a weekend of weeding. "
        "Kneeling pads and a small stool have been game changers for me."
    ),
    (
        "Is a standing desk actually worth it? I keep going back and forth.\n\n"
        "Curious what other readers have experienced."
    ),
    (
        "Honestly, reading that so many people deal with this made me feel less alone. "
        "It's easy to feel like you're the only one."
    ),
    "Bookmarking this one. The section on posture while using a phone was eye-opening.",
    (
        "I started swimming twice a week on my doctor's suggestion and my back feels so much looser. "
        "Took about a month to notice, but it was worth sticking with."
    ),
    (
        "I carry my toddler on one hip all the time and never thought about how that affects my back. "
        "Going to try switching sides more often."
    ),
    (
        "Does anyone else find that stress makes their back pain worse? "
        "Mine always flares up during busy weeks at work."
    ),
    (
        "Thank you for including the part about when to see a doctor. "
        "I waited way too long the first time and should have gone in sooner."
    ),
    (
        "Yoga has been wonderful for me, but I had to find a gentle class. "
        "The first one I tried was way too intense.\n\n"
        "Tell the instructor about your back before class starts. Mine gave me great modifications."
    ),
    "Clear, calm, and practical. This is exactly the kind of article I was hoping to find.",
    (
        "I work in a warehouse and we just had a training on safe lifting. "
        "This article lines up with everything they taught us."
    ),
    (
        "The lumbar pillow idea is great. I rolled up a small towel for my car seat "
        "and it already feels better on my commute."
    ),
    (
        "I'm 68 and still active, but my lower back gets stiff in the mornings. "
        "A warm shower and some slow stretches help me get going."
    ),
    "Any advice for back pain while traveling? Long flights are the worst for me.",
    (
        "My husband laughed when I started doing the bird-dog exercise on the living room floor. "
        "Now he's joining me!"
    ),
    (
        "I appreciate that this doesn't promise a miracle fix. "
        "Small, consistent changes seem to be what actually works."
    ),
    (
        "I never connected my heavy work bag to my shoulder and upper back pain. "
        "Switched to a backpack and wear both straps now."
    ),
    (
        "Walking after dinner has become our family routine. "
        "My back feels better and we get to catch up at the end of the day."
    ),
    (
        "I've been skeptical about foam rollers, but after reading this I might give one a try.\n\n"
        "Is there a particular firmness that's better for beginners?"
    ),
    "Sent this to my whole team. We all sit too much and could use the reminder.",
    (
        "As a teacher, I'm always bending over little desks. "
        "Squatting down to student level instead has really saved my back this year."
    ),
    (
        "The illustrations of good and bad posture were super helpful. "
        "I realized I slouch to one side when I read."
    ),
    (
        "I had a flare-up last month and resting too much actually made it worse. "
        "My doctor encouraged gentle movement, which matches what you wrote here."
    ),
    ("Thanks for keeping the tone so reassuring. When your back hurts it's easy to imagine the worst."),
    "Would love an article on back-friendly exercises for people who are just getting back into fitness.",
    (
        "I play golf on weekends and my back usually pays for it on Monday. "
        "Going to start warming up properly before I tee off."
    ),
    (
        "Raising my monitor to eye level made a surprising difference. "
        "I used a couple of old textbooks as a stand until I bought a proper one."
    ),
    (
        "Reading this during my lunch break, standing up for once. Small victories!\n\n"
        "Thanks for the motivation."
    ),
    (
        "My grandmother always said to lift with your legs, not your back. "
        "Nice to see that advice still holds up."
    ),
]

REPLIES = [
    "Same here! I thought it was just me.",
    "That's a great idea. I'm going to try it this week.",
    "Thanks for sharing this, it's really encouraging to hear.",
    "I had the exact same experience. It does get easier with time.",
    "Did you notice a difference right away, or did it take a while?",
    "A timer on my watch works well for that too. It buzzes every half hour to remind me to stand.",
    "Love this. Small changes really do add up.",
    "My physical therapist suggested something similar, so you're definitely on the right track.",
    "Hang in there! Flare-ups are rough, but they do pass.",
    "What kind of shoes do you wear? I'm on my feet all day too.",
    "Same with me and stress. Deep breathing before bed helps me unwind a little.",
    "Good for you for sticking with it!",
    "I had the same question. Hoping someone who's tried both chimes in.",
    "A rolled-up towel worked for me too until I found a cushion I liked.",
    "That's so sweet that your husband joined in. My kids do the stretches with me sometimes.",
    "Gentle yoga classes are the best. I'd second telling the instructor ahead of time.",
    "I switched to a backpack last year and won't go back.",
    "Walking after dinner is wonderful. Our dog loves the new routine too.",
    "Totally agree. Consistency beats intensity every time.",
    "Glad you finally got it checked out. Hope you're feeling better now.",
    "Try getting up and walking the aisle once an hour on long flights. It helped me a lot.",
    "Same! Gardening is my happy place, but my back doesn't always agree.",
    "Thanks for the tip about the stool, I never thought of that.",
    "I started with a softer foam roller and worked up to a firmer one later on.",
    "My standing desk was worth it for me, but I still alternate sitting and standing.",
    "So true. Just knowing other people deal with this makes it feel more manageable.",
    "Warm showers in the morning are my go-to as well.",
    "How long did it take before you noticed a difference with swimming?",
    "My grandpa said the same thing! Some advice never goes out of style.",
    "Great point. I'm going to pass that along to my coworkers.",
]

STAFF_REPLIES = [
    (
        "Thank you for sharing your experience. Everyone's back is different, so it's a good idea "
        "to check with your doctor or a physical therapist before starting a new routine."
    ),
    ("We're so glad the article was helpful! We're planning more pieces on everyday habits, so stay tuned."),
    (
        "Great question. We can't give personal medical advice here, but a physical therapist can "
        "suggest stretches that fit your situation."
    ),
    ("Thanks for the suggestion! We've added it to our list of topics to cover in a future article."),
    (
        "We're sorry to hear you've been dealing with this. If the pain is new, getting worse, or not "
        "improving, please reach out to your healthcare provider."
    ),
    ("Thanks for reading and for the kind words. It means a lot to our editorial team."),
    (
        "That's a helpful tip, thank you for passing it along. As always, listen to your body "
        "and ease off if something doesn't feel right."
    ),
    (
        "We love hearing about small changes that make a difference. "
        "Thanks for being part of the Healthy Back community!"
    ),
    (
        "Good question! The best timing often depends on your schedule and how your body feels. "
        "Your clinician can help you figure out what works best for you."
    ),
    (
        "Thank you for sharing this with your family. Encouraging a loved one to talk with their "
        "doctor is a wonderful first step."
    ),
]
