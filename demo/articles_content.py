"""Original demo content for `manage.py seed_demo`: written for this project, never copied."""

CATEGORIES = [
    {
        "name": "Back Pain Basics",
        "slug": "back-pain-basics",
        "parent": None,
        "description": (
            "Clear, calm explanations of what back pain is, why it happens, and what usually helps it settle."
        ),
        "position": 1,
    },
    {
        "name": "Lower Back Pain",
        "slug": "lower-back-pain",
        "parent": "back-pain-basics",
        "description": (
            "The most common kind of back pain: what is usually going on, how it tends to unfold, "
            "and how to look after yourself."
        ),
        "position": 1,
    },
    {
        "name": "Sciatica",
        "slug": "sciatica",
        "parent": "back-pain-basics",
        "description": (
            "Pain that travels from the back into the leg. Learn what causes it, how long it usually lasts, "
            "and which symptoms need prompt care."
        ),
        "position": 2,
    },
    {
        "name": "Treatment & Therapy",
        "slug": "treatment-and-therapy",
        "parent": None,
        "description": (
            "An honest look at the treatments people use for back pain, from exercise to medicines, "
            "and what the evidence says about each."
        ),
        "position": 2,
    },
    {
        "name": "Exercise & Stretching",
        "slug": "exercise-and-stretching",
        "parent": "treatment-and-therapy",
        "description": (
            "Gentle, progressive ways to move, walk, and build strength with a sore back. "
            "Start where you are and build up gradually."
        ),
        "position": 1,
    },
    {
        "name": "Pain Relief Options",
        "slug": "pain-relief-options",
        "parent": "treatment-and-therapy",
        "description": (
            "Heat, medicines, hands-on care, and mind-body approaches: what they can and cannot do, "
            "and how to use them safely."
        ),
        "position": 2,
    },
    {
        "name": "Everyday Life",
        "slug": "everyday-life",
        "parent": None,
        "description": (
            "Practical ideas for work, rest, and daily routines that make life with back pain "
            "a little easier."
        ),
        "position": 3,
    },
    {
        "name": "Posture & Ergonomics",
        "slug": "posture-and-ergonomics",
        "parent": "everyday-life",
        "description": (
            "Comfortable workspaces and a more relaxed view of posture. Variety and movement matter more "
            "than holding one perfect position."
        ),
        "position": 1,
    },
    {
        "name": "Sleep",
        "slug": "sleep",
        "parent": "everyday-life",
        "description": (
            "Positions, habits, and realistic advice about beds to help you rest better when your back hurts."
        ),
        "position": 2,
    },
]

AUTHORS = [
    {
        "name": "Nadia Ferreira-Holt",
        "slug": "nadia-ferreira-holt",
        "credentials": "MD, FAAPMR",
        "bio": (
            "Nadia is a physician specializing in physical medicine and rehabilitation who has spent most of "
            "her career in outpatient spine and musculoskeletal care. As one of Healthy Back's medical "
            "reviewers, she checks articles for clinical accuracy and clear safety advice. She is especially "
            "interested in helping people stay active while they recover."
        ),
        "is_medical_reviewer": True,
        "avatar_color": "#3f5d7d",
    },
    {
        "name": "Theo Lindqvist",
        "slug": "theo-lindqvist",
        "credentials": "DPT, OCS",
        "bio": (
            "Theo is a physical therapist and board-certified clinical specialist in orthopedic physical "
            "therapy who works with people recovering from back and neck pain. He reviews Healthy Back's "
            "exercise and movement content and writes about practical ways to regain confidence in moving."
        ),
        "is_medical_reviewer": True,
        "avatar_color": "#2f6b5e",
    },
    {
        "name": "Maren Castellane",
        "slug": "maren-castellane",
        "credentials": "MA, MPH",
        "bio": (
            "Maren is a health journalist with a background in public health who has written about chronic "
            "pain and musculoskeletal health for more than a decade. She focuses on turning research and "
            "clinical guidelines into clear, practical advice. She has had recurring back pain herself and "
            "knows how confusing conflicting advice can be."
        ),
        "is_medical_reviewer": False,
        "avatar_color": "#7a4e6d",
    },
    {
        "name": "Owen Halvorsen",
        "slug": "owen-halvorsen",
        "credentials": "MS, CSCS, NBC-HWC",
        "bio": (
            "Owen is a strength and conditioning specialist and certified health and wellness coach who "
            "designs gentle, progressive programs for people returning to activity after pain. He writes "
            "about exercise, walking, and everyday habits, and works alongside clinicians rather than "
            "diagnosing or treating medical conditions."
        ),
        "is_medical_reviewer": False,
        "avatar_color": "#85522e",
    },
]

# Reference sources, reused across articles. Only well-established organisation pages and papers.
_NICE_NG59 = (
    "National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: "
    "assessment and management (NG59). NICE, 2016 (updated 2020).",
    "https://www.nice.org.uk/guidance/ng59",
)
_WHO_2023 = (
    "World Health Organization. WHO guideline for non-surgical management of chronic primary low back "
    "pain in adults in primary and community care settings. WHO, 2023.",
    "https://www.who.int/publications/i/item/9789240081789",
)
_ACP_2017 = (
    "Qaseem A, Wilt TJ, McLean RM, Forciea MA; Clinical Guidelines Committee of the American College of "
    "Physicians. Noninvasive treatments for acute, subacute, and chronic low back pain: a clinical practice "
    "guideline from the American College of Physicians. Annals of Internal Medicine, 2017.",
    "https://doi.org/10.7326/M16-2367",
)
_LANCET_2018_WHAT = (
    "Hartvigsen J, Hancock MJ, Kongsted A, et al. What low back pain is and why we need to pay attention. "
    "The Lancet, 2018.",
    "https://doi.org/10.1016/S0140-6736(18)30480-X",
)
_LANCET_2018_TREAT = (
    "Foster NE, Anema JR, Cherkin D, et al. Prevention and treatment of low back pain: evidence, "
    "challenges, and promising directions. The Lancet, 2018.",
    "https://doi.org/10.1016/S0140-6736(18)30489-6",
)
_COCHRANE_EXERCISE_2021 = (
    "Hayden JA, Ellis J, Ogilvie R, Malmivaara A, van Tulder MW. Exercise therapy for chronic low back "
    "pain. Cochrane Database of Systematic Reviews, 2021.",
    "https://doi.org/10.1002/14651858.CD009790.pub2",
)
_WALKBACK_2024 = (
    "Pocovi NC, Lin CC, French SD, et al. Effectiveness and cost-effectiveness of an individualised, "
    "progressive walking and education intervention for the prevention of low back pain recurrence in "
    "Australia (WalkBack): a randomised controlled trial. The Lancet, 2024.",
    "https://doi.org/10.1016/S0140-6736(24)00755-4",
)
_NHS_BACK_PAIN = ("NHS. Back pain. NHS website, n.d.", "https://www.nhs.uk/conditions/back-pain/")
_NHS_SCIATICA = ("NHS. Sciatica. NHS website, n.d.", "https://www.nhs.uk/conditions/sciatica/")
_NHS_INSOMNIA = ("NHS. Insomnia. NHS website, n.d.", "https://www.nhs.uk/conditions/insomnia/")
_MEDLINEPLUS_BACK_PAIN = (
    "National Library of Medicine. Back pain. MedlinePlus, n.d.",
    "https://medlineplus.gov/backpain.html",
)
_NIAMS_BACK_PAIN = (
    "National Institute of Arthritis and Musculoskeletal and Skin Diseases. Back pain. NIAMS, n.d.",
    "https://www.niams.nih.gov/health-topics/back-pain",
)
_OSHA_WORKSTATIONS = (
    "Occupational Safety and Health Administration. Computer workstations eTool. U.S. Department of "
    "Labor, n.d.",
    "https://www.osha.gov/etools/computer-workstations",
)

ARTICLES = [
    {
        "title": "Lower Back Pain: What Is Usually Going On",
        "slug": "lower-back-pain-what-is-usually-going-on",
        "category": "lower-back-pain",
        "author": "maren-castellane",
        "reviewer": "nadia-ferreira-holt",
        "summary": (
            "Most lower back pain is not caused by serious damage, and most of it gets better. Here is what "
            "is usually happening, what helps recovery, and which rare symptoms need urgent care."
        ),
        "body": """<h2>A very common experience</h2>
<p>Low back pain is one of the most common reasons people see a doctor, and most adults will have at
least one episode at some point in their lives. It can arrive after lifting something awkward, after a
long drive, or for no obvious reason at all. That last possibility can feel unsettling, but it is normal:
in the large majority of cases, no single damaged structure can be pointed to as the cause.</p>
<p>Clinicians often call this <strong>nonspecific low back pain</strong>. The name can sound vague, yet it
carries reassuring news. It means the pain is not coming from a serious disease such as an infection, a
fracture, or cancer, and that the usual outlook is good.</p>
<h2>What is likely happening in your back</h2>
<p>Your lower back is a sturdy arrangement of vertebrae, discs, joints, ligaments, and muscles, all
supplied by nerves that report on what is going on. When the area is irritated or overloaded, those nerves
become more sensitive, and the nervous system can turn up the volume on pain signals as a protective
measure. Muscles around the spine may tighten, which is why a sore back often feels stiff and guarded.</p>
<p>Pain in this situation is a real experience, but it is not a reliable measure of damage. A back can
hurt a great deal while the tissues themselves are fundamentally sound. Sleep, stress, mood, general
fitness, and worry about the pain all influence how intense it feels, which is part of why two people
with similar backs can have very different experiences.</p>
<h2>How it usually unfolds</h2>
<p>Most new episodes improve considerably within a few days to a few weeks. Some people notice lingering
aches for longer, and it is common for back pain to come back from time to time. A return of symptoms
does not mean something has been damaged again; backs tend to have good days and bad days, much like
other parts of life.</p>
<p>Things that tend to help recovery include:</p>
<ul>
<li><strong>Staying as active as you reasonably can.</strong> Gentle walking and everyday tasks, adjusted
as needed, are generally better than bed rest.</li>
<li><strong>Simple comfort measures.</strong> A heat wrap or a warm shower eases muscle tension for many
people.</li>
<li><strong>Returning to usual activities gradually.</strong> This includes work where possible, with
temporary changes if needed.</li>
<li><strong>Understanding the pain.</strong> Knowing that hurt does not automatically mean harm can make
it easier to keep moving.</li>
</ul>
<p>Guidelines from organizations such as the American College of Physicians and the UK's National
Institute for Health and Care Excellence put these self-management steps first, with exercise, hands-on
therapies, and psychological approaches added for pain that persists.</p>
<h2>What usually does not help</h2>
<p>Long periods of rest tend to slow recovery rather than speed it up. Routine X-rays or MRI scans are
rarely useful for typical low back pain, because they often show age-related changes that are just as
common in people without any pain. Strong painkillers such as opioids carry real risks and are generally
not a first choice.</p>
<h2>When to see a clinician</h2>
<p>It is reasonable to book an appointment if your pain is not improving after a few weeks, if it is
stopping you from working or sleeping, or if you simply want advice and reassurance. Seek
<strong>urgent</strong> medical care, at an emergency department if necessary, if back pain comes with any
of the following:</p>
<ul>
<li>New difficulty controlling or emptying your bladder or bowels</li>
<li>Numbness around the genitals, buttocks, or inner thighs (the "saddle" area)</li>
<li>Weakness in one or both legs that is getting worse</li>
<li>Fever or feeling generally unwell alongside the pain</li>
<li>Pain that started after a major fall, car accident, or other significant injury</li>
</ul>
<p>A history of cancer, unexplained weight loss, or a weakened immune system are also good reasons to get
checked promptly. These situations are uncommon, but they deserve a timely look.</p>
<blockquote>Most back pain is not a sign of serious damage, and most of it gets better. Keeping gently
active is one of the most useful things you can do.</blockquote>""",
        "references": [_LANCET_2018_WHAT, _NICE_NG59, _NHS_BACK_PAIN, _NIAMS_BACK_PAIN],
        "published_days_ago": 364,
        "updated_days_ago": 41,
        "is_featured": True,
        "image_alt": (
            "Abstract illustration in teal and sand tones for an article about what usually causes "
            "lower back pain"
        ),
        "palette": ("#2f7f7a", "#e8d8b8"),
    },
    {
        "title": "The First Few Days of a Back Pain Flare-Up",
        "slug": "first-few-days-of-a-back-pain-flare-up",
        "category": "lower-back-pain",
        "author": "theo-lindqvist",
        "reviewer": "nadia-ferreira-holt",
        "summary": (
            "A sudden flare of back pain can be frightening, but it usually settles. Practical steps for "
            "the first days: moving little and often, easing discomfort, resting well, and knowing when to "
            "get help."
        ),
        "body": """<h2>Start with reassurance</h2>
<p>A flare-up of back pain can be dramatic. You bend to tie a shoe or lift a laundry basket, and suddenly
straightening up feels impossible. The intensity can be frightening, but sudden, severe pain of this kind
is very often a sign of irritated, protective tissues rather than serious injury. Most flare-ups calm down
noticeably within days to a couple of weeks.</p>
<p>The aim in these first days is not to fix your back in one go. It is to stay comfortable enough to
keep moving, sleep as well as you can, and avoid the things that make recovery slower.</p>
<h2>Keep moving, little and often</h2>
<p>Bed rest used to be standard advice. It is now clear that staying in bed for long periods tends to
increase stiffness and slow recovery. Instead, try short bouts of gentle movement spread through the
day.</p>
<ol>
<li><strong>Change position regularly.</strong> Every 20 to 30 minutes, shift from sitting to standing or
lying, even if only for a minute.</li>
<li><strong>Take short walks.</strong> A few minutes around the house or down the block is plenty at
first. Build up as you feel able.</li>
<li><strong>Try easy movements lying down.</strong> On your back with knees bent, gently rock both knees
a few inches from side to side, staying within a comfortable range.</li>
<li><strong>Keep up light daily tasks.</strong> Making a drink or folding clothes at counter height keeps
you active without heavy strain.</li>
</ol>
<p>Some discomfort while moving is expected and is not a sign that you are doing harm. A useful guide is
that movement should feel manageable and should not leave you much worse an hour or two later.</p>
<h2>Comfort measures that many people find useful</h2>
<p>Heat is a simple option with reasonable evidence behind it for short-term relief. A heat wrap, hot
water bottle, or warm shower can loosen tense muscles; check the temperature so you do not burn your
skin. Some people prefer a cold pack in the first day or two, which is fine if it helps.</p>
<p>If you want to use medicine, nonsteroidal anti-inflammatory drugs such as ibuprofen or naproxen help
some people when used at the lowest effective dose for the shortest time. They are not suitable for
everyone, including people with certain stomach, kidney, or heart conditions and those taking blood
thinners. A pharmacist or doctor can help you decide what is safe for you.</p>
<h2>Sleep and rest positions</h2>
<p>Finding a comfortable position at night can be the hardest part. Try lying on your side with a pillow
between your knees, or on your back with a pillow under your knees. Getting out of bed is usually easier
if you roll onto your side first, let your legs come off the edge, and push up with your arms.</p>
<h2>Common worries</h2>
<ul>
<li><strong>"Did I slip a disc?"</strong> Discs do not slip out of place. Most flare-ups do not involve a
disc problem at all, and those that do usually improve without surgery.</li>
<li><strong>"Should I get a scan?"</strong> Usually not in the first weeks, unless a clinician suspects
something specific.</li>
<li><strong>"Should I stop work?"</strong> Staying at work, perhaps with adjusted duties for a while,
often helps recovery.</li>
</ul>
<h2>When to see a clinician</h2>
<p>Make a routine appointment if the pain is not easing after two to three weeks, or if it is severe
enough that you cannot manage at home. Get <strong>urgent</strong> medical help straight away if you
notice loss of bladder or bowel control, numbness in the groin or saddle area, leg weakness that is
getting worse, or a fever with your back pain, or if the pain followed a major fall or accident.</p>""",
        "references": [_ACP_2017, _NHS_BACK_PAIN, _MEDLINEPLUS_BACK_PAIN],
        "published_days_ago": 298,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in terracotta and cream tones for an article about the first days of "
            "a back pain flare-up"
        ),
        "palette": ("#c0654a", "#f3e3d3"),
    },
    {
        "title": "Do You Need a Scan for Back Pain?",
        "slug": "do-you-need-a-scan-for-back-pain",
        "category": "lower-back-pain",
        "author": "nadia-ferreira-holt",
        "reviewer": "theo-lindqvist",
        "summary": (
            "X-rays and MRI scans rarely change the plan for typical back pain and often show harmless "
            "age-related changes. Learn when imaging is useful and what to ask before having one."
        ),
        "body": """<h2>Why scans seem like a good idea</h2>
<p>When something hurts, it is natural to want to see inside. A picture seems to promise an answer, and
people who leave an appointment without one can feel that something was missed. For most low back pain,
though, an X-ray or MRI adds little to what a careful history and examination already reveal, and it can
sometimes create new worries.</p>
<h2>What imaging often shows</h2>
<p>Spines change with age, just as skin and hair do. Imaging of people with no back pain at all regularly
shows findings such as:</p>
<ul>
<li>Disc bulges or disc "degeneration," meaning discs that have lost some height or water content</li>
<li>Wear-related changes in the small facet joints at the back of the spine</li>
<li>Small bony spurs along the edges of the vertebrae</li>
</ul>
<p>These changes become more common with every decade and are frequently present in people who feel
perfectly well. When a scan shows them in someone with back pain, it is usually impossible to say whether
they are responsible for the pain. Words like "degeneration" can sound alarming, but in a radiology report
they often describe ordinary aging.</p>
<h2>What the guidelines recommend</h2>
<p>Major guidelines, including those from the American College of Physicians and the UK's National
Institute for Health and Care Excellence, advise against routine imaging for low back pain when there are
no warning signs. Research comparing early imaging with usual care has not found that scanning improves
recovery for typical back pain.</p>
<p>There are also downsides. X-rays and CT scans involve radiation, unexpected minor findings can lead to
further tests, and a worrying label can make people more cautious about moving, which may slow
recovery.</p>
<h2>When a scan does make sense</h2>
<p>Imaging has an important place. A clinician may arrange it when:</p>
<ul>
<li>There are signs of a possible serious cause, such as infection, fracture, or cancer</li>
<li>Nerve symptoms are severe or getting worse, such as increasing weakness in a leg</li>
<li>Sciatica has not improved with several weeks of good nonsurgical care, and a procedure such as an
injection or surgery is being considered</li>
</ul>
<p>In these situations, the scan answers a specific question that could change what happens next. That
is the key test: will the result change the plan?</p>
<h2>Questions worth asking</h2>
<p>If you and your clinician are discussing imaging, it can help to ask:</p>
<ol>
<li>What are you hoping the scan will show?</li>
<li>How would the result change my treatment?</li>
<li>What are the risks or downsides for me?</li>
<li>What happens if we wait a few weeks and see how things go?</li>
</ol>
<p>A good clinician will welcome these questions. Choosing not to scan is not the same as not taking your
pain seriously; it often reflects confidence that the pain will improve with the right care.</p>
<h2>When to see a clinician urgently</h2>
<p>Some symptoms need prompt assessment, which may include imaging. Seek <strong>urgent</strong> care if
back pain comes with loss of bladder or bowel control, numbness in the saddle area, progressive weakness
in the legs, or fever, or if it follows a significant injury such as a car accident or a bad fall. Back
pain in someone with a past history of cancer, or with unexplained weight loss, should also be checked
without delay.</p>""",
        "references": [_ACP_2017, _NICE_NG59, _LANCET_2018_TREAT],
        "published_days_ago": 233,
        "updated_days_ago": 12,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in slate blue and pale gray tones for an article about whether back "
            "pain needs a scan"
        ),
        "palette": ("#3d5a80", "#dfe7ef"),
    },
    {
        "title": "Sciatica Explained: When Back Pain Travels Down the Leg",
        "slug": "sciatica-explained-when-pain-travels-down-the-leg",
        "category": "sciatica",
        "author": "nadia-ferreira-holt",
        "reviewer": "theo-lindqvist",
        "summary": (
            "Sciatica is leg pain caused by an irritated nerve root near the spine. It can be intense, "
            "but most people improve over weeks to months. What causes it, what helps, and the rare "
            "warning signs."
        ),
        "body": """<h2>What people mean by sciatica</h2>
<p><strong>Sciatica</strong> describes pain that travels from the lower back or buttock down the back or
side of the leg, often below the knee and sometimes into the foot. It happens when one of the nerve roots
that form the sciatic nerve is irritated or compressed near where it leaves the spine. Alongside pain,
people may notice tingling, pins and needles, numbness, or a feeling that the leg is weaker than
usual.</p>
<p>The leg pain of sciatica is often felt more strongly than the back pain itself. It may be sharp,
burning, or electric, and it can flare with coughing, sneezing, or sitting for a long time.</p>
<h2>Common causes</h2>
<p>In younger and middle-aged adults, the most common cause is a <strong>disc herniation</strong>, where
part of the soft inner material of a spinal disc pushes outward and irritates a nearby nerve root.
Inflammation around the nerve plays a large part in the pain, not just pressure. In older adults,
narrowing of the spaces around the nerves, called spinal stenosis, is another cause; it often produces
leg symptoms when walking that ease with sitting or bending forward.</p>
<p>Not all leg pain is sciatica. Pain can also spread from the back or hip into the thigh without a nerve
being involved. A clinician can usually tell the difference through questions and a physical
examination.</p>
<h2>The usual outlook</h2>
<p>Sciatica can be very painful, but the outlook for most people is encouraging. Many improve
substantially over several weeks to a few months as the irritation settles, and the body can gradually
reabsorb disc material that has pushed out. Recovery is not always a straight line, and it is common to
have better and worse days along the way.</p>
<h2>What tends to help</h2>
<ul>
<li><strong>Staying active within comfort.</strong> Short walks and gentle movement are generally better
than bed rest.</li>
<li><strong>Exercise and physical therapy.</strong> A physical therapist can suggest movements that ease
leg symptoms and help you regain confidence.</li>
<li><strong>Pain relief, used thoughtfully.</strong> Anti-inflammatory medicines help some people. Several
medicines commonly tried for nerve pain have shown disappointing results for sciatica in studies, so it
is worth discussing the trade-offs with your clinician.</li>
<li><strong>Procedures for persistent cases.</strong> For severe sciatica that is not improving, an
epidural steroid injection or surgery may be discussed. Surgery can bring faster relief of leg pain for
some people, although longer-term results are often similar with or without it.</li>
</ul>
<h2>When to see a clinician</h2>
<p>See a clinician if leg pain is severe, is not improving after a few weeks, or is stopping you from
sleeping or working. Certain symptoms can signal pressure on the bundle of nerves at the base of the
spine, a rare condition called <strong>cauda equina syndrome</strong>, which needs emergency treatment. Go
to an emergency department right away if you have:</p>
<ul>
<li>Numbness or altered feeling in the groin, buttocks, or inner thighs</li>
<li>Difficulty starting to urinate, loss of bladder control, or loss of bowel control</li>
<li>New sexual problems alongside back or leg pain</li>
<li>Sciatica in both legs, or leg weakness that is getting worse</li>
</ul>
<p>Fever with back pain, or pain after a major injury, should also be assessed urgently.</p>
<blockquote>Sciatica is usually a temporary problem, even when it is intensely painful. Knowing the warning
signs lets you focus on recovery with confidence.</blockquote>""",
        "references": [_NHS_SCIATICA, _NICE_NG59, _NIAMS_BACK_PAIN],
        "published_days_ago": 341,
        "updated_days_ago": 67,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in muted violet and ivory tones for an article explaining sciatica"
        ),
        "palette": ("#6b5b95", "#efe6d8"),
    },
    {
        "title": "Living With Sciatica While It Settles",
        "slug": "living-with-sciatica-while-it-settles",
        "category": "sciatica",
        "author": "maren-castellane",
        "reviewer": "theo-lindqvist",
        "summary": (
            "Sciatica often takes weeks to months to calm down. Practical ways to sit, sleep, stay active, "
            "and keep working in the meantime, plus how to notice progress."
        ),
        "body": """<h2>Recovery takes a little patience</h2>
<p>Sciatica often improves over weeks to months rather than days. That timeline can feel long when
sitting through a meeting or a car ride is uncomfortable. The good news is that there is a lot you can do
to make daily life easier while the irritated nerve calms down, and most of it is simple.</p>
<h2>Finding positions that ease the leg</h2>
<p>Nerve pain tends to be sensitive to position, and what helps varies from person to person. Some people
feel better lying on their side with a pillow between the knees; others prefer lying on their back with
their lower legs resting on a chair or a stack of cushions. Experiment gently and notice which positions
settle the leg symptoms.</p>
<p>Sitting is often the hardest. These adjustments may help:</p>
<ul>
<li>Choose a firm chair with a backrest rather than a low, soft sofa.</li>
<li>Try a small rolled towel behind your lower back for support.</li>
<li>Set a timer to stand up and move every 20 to 30 minutes.</li>
<li>On long drives, plan short breaks to get out and walk around.</li>
</ul>
<h2>Keeping active without overdoing it</h2>
<p>Walking is one of the most accessible ways to stay active with sciatica. Short, frequent walks are
often better tolerated than one long one. If you notice leg symptoms building, slow down or pause rather
than pushing through increasing pain.</p>
<p>A useful approach is <strong>pacing</strong>: doing a bit less than you think you could on a good day,
so that you can do a similar amount on a harder one, then increasing the amount gradually over time. This
avoids the "boom and bust" cycle of doing too much, flaring, and then resting for days.</p>
<p>A physical therapist can tailor exercises to your symptoms. Some people find that certain movements,
such as gentle back extensions or nerve gliding exercises, ease their leg pain, while others need a
different approach. Guidance helps you find what works for you.</p>
<h2>Work, sleep, and mood</h2>
<p>Many people can keep working with sciatica, sometimes with temporary changes such as a sit-stand
arrangement, more frequent breaks, or lighter duties. It is worth talking with your employer early; small
adjustments can make a big difference.</p>
<p>Poor sleep and low mood can make pain feel worse, and persistent pain can in turn affect sleep and
mood. Looking after both matters. Regular routines, time outdoors, staying connected with people, and
activities you enjoy are all part of recovery, not distractions from it.</p>
<h2>Keeping track of progress</h2>
<p>It can be hard to notice improvement from one day to the next. Some people find it helpful to jot down
a few notes each week:</p>
<ol>
<li>How far you walked comfortably</li>
<li>How long you could sit before needing to move</li>
<li>How well you slept</li>
<li>Whether the leg pain is reaching less far down the leg</li>
</ol>
<p>Pain that gradually retreats from the foot back toward the buttock and lower back is generally
considered an encouraging sign that things are heading in the right direction.</p>
<h2>When to see a clinician</h2>
<p>Check in with a clinician if your symptoms are not improving after a few weeks, if the pain is severe,
or if you are struggling to cope. Seek <strong>emergency care</strong> immediately if you develop
numbness in the saddle area, problems controlling your bladder or bowels, symptoms in both legs, or
weakness that is getting worse, such as a foot that starts to drag or slap when you walk. Fever with back
pain also needs prompt attention.</p>""",
        "references": [_NHS_SCIATICA, _NICE_NG59],
        "published_days_ago": 187,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in sage green and soft cream tones for an article about living with "
            "sciatica during recovery"
        ),
        "palette": ("#4f7a5a", "#eef0e2"),
    },
    {
        "title": "Gentle Movements for a Stiff Back",
        "slug": "gentle-movements-for-a-stiff-back",
        "category": "exercise-and-stretching",
        "author": "theo-lindqvist",
        "reviewer": None,
        "summary": (
            "Five easy movements for a stiff back, with tips on how to make them work for you. Short, "
            "regular sessions help most, and no single exercise is right for everyone."
        ),
        "body": """<h2>Why gentle movement helps</h2>
<p>Stiffness is one of the most common complaints among people with back pain, especially first thing in
the morning or after sitting for a while. Movement helps in several ways: it warms up muscles, shifts the
load on joints and discs, and reminds a protective nervous system that moving is safe. You do not need
special equipment or a long routine. A few minutes, done regularly, is a good start.</p>
<p>The movements below are gentle and widely used. They are not a prescription, and no single exercise is
best for everyone. Choose the ones that feel comfortable.</p>
<h2>Five movements to try</h2>
<ol>
<li><strong>Knee rocks.</strong> Lie on your back with knees bent and feet flat. Slowly let both knees
sway a few inches to one side, then the other. Keep the movement small and easy. Repeat 10 times each
way.</li>
<li><strong>Pelvic tilts.</strong> In the same position, gently flatten your lower back toward the floor by
tightening your stomach muscles, then relax and let the small curve return. Repeat 10 times slowly.</li>
<li><strong>Single knee to chest.</strong> Bring one knee toward your chest, holding behind the thigh,
until you feel a mild stretch. Hold for a few breaths, then switch. Two or three times each side.</li>
<li><strong>Cat and cow.</strong> On your hands and knees, slowly round your back up toward the ceiling,
then let it gently dip down. Move within an easy range, 8 to 10 times.</li>
<li><strong>Standing back bends.</strong> Stand with your hands on your lower back and gently lean
backward a little, then return to upright. Many people like this after sitting. Repeat 5 to 10
times.</li>
</ol>
<h2>How to make them work for you</h2>
<ul>
<li><strong>Go by feel.</strong> Mild discomfort or a stretching sensation is fine. Sharp pain, or pain
that lingers and builds afterward, is a signal to make the movement smaller or skip it for now.</li>
<li><strong>Breathe.</strong> Slow, steady breathing helps muscles relax. Try not to hold your
breath.</li>
<li><strong>Little and often.</strong> Two or three short sessions a day tend to help more than one long
session.</li>
<li><strong>Progress gradually.</strong> As things ease, increase the range, add repetitions, or move on
to walking and strengthening exercises.</li>
</ul>
<h2>Stretching is one tool among many</h2>
<p>Research on exercise for back pain suggests that many different types of exercise help, and that the
best program is usually one you enjoy and will keep doing. Gentle mobility work is a good starting point,
especially during a flare. Over time, most people benefit from adding activities that build strength and
general fitness, such as walking, swimming, cycling, yoga, or a structured program with a physical
therapist.</p>
<p>It is also worth remembering that feeling stiff does not mean your back is fragile. Spines are strong,
adaptable structures, and they tend to feel better with use.</p>
<h2>When to see a clinician</h2>
<p>Talk with a physical therapist or doctor if stiffness and pain are not improving after a few weeks, or
if you are unsure which movements are right for you. Get <strong>urgent</strong> medical care if you
notice numbness around the groin or buttocks, changes in bladder or bowel control, worsening weakness in
your legs, or fever with back pain, or if your symptoms began after a significant fall or accident.</p>""",
        "references": [_COCHRANE_EXERCISE_2021, _NHS_BACK_PAIN],
        "published_days_ago": 152,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in apricot and cream tones for an article about gentle movements for "
            "a stiff back"
        ),
        "palette": ("#c9825a", "#f6ead8"),
    },
    {
        "title": "Walking for Back Pain: A Simple Plan to Build Up",
        "slug": "walking-for-back-pain-a-simple-plan",
        "category": "exercise-and-stretching",
        "author": "owen-halvorsen",
        "reviewer": "theo-lindqvist",
        "summary": (
            "Walking is free, flexible, and one of the easiest ways to stay active with back pain. How to "
            "find your starting point, build up gradually, and make walks more comfortable."
        ),
        "body": """<h2>An underrated treatment</h2>
<p>Walking is free, needs no equipment, and fits into most days. For many people with back pain, it is
also one of the most comfortable ways to stay active. It gets the whole body moving, loads the spine in a
natural, rhythmic way, and brings benefits for mood, sleep, and heart health that can indirectly help with
pain.</p>
<p>Guidelines on low back pain consistently recommend staying active and exercising, and walking is an
easy way to do both. A clinical trial published in 2024 found that a progressive walking program,
supported by a physical therapist and combined with education, helped people who had recently recovered
from low back pain go longer before their next episode.</p>
<h2>Starting where you are</h2>
<p>The right starting point is whatever you can manage comfortably today, not what you used to do or
what a fitness tracker suggests. For some people that is 5 minutes; for others it is 30. A simple way to
find your baseline:</p>
<ol>
<li>Walk at an easy pace on flat ground until you notice your back or legs starting to complain.</li>
<li>Note the time, then stop a little before that point on your next walks.</li>
<li>Repeat that amount on most days for a week.</li>
</ol>
<p>If one longer walk is too much, split it up. Three 10-minute walks bring many of the same benefits as
one 30-minute walk and are often easier on a sore back.</p>
<h2>Building up gradually</h2>
<p>Once your baseline feels manageable, increase it slowly. Adding a few minutes per walk each week is a
reasonable pace. Some weeks you will progress; in others you may hold steady or step back after a flare.
That is normal.</p>
<ul>
<li><strong>Aim for consistency over intensity.</strong> Walking most days at a moderate level tends to
help more than an occasional long hike.</li>
<li><strong>Use the "talk test."</strong> A brisk walk should leave you able to talk in full sentences,
but not sing.</li>
<li><strong>Vary the terrain slowly.</strong> Hills and uneven ground add challenge. Introduce them once
flat walking is comfortable.</li>
<li><strong>Work toward general guidelines.</strong> Public health guidance for adults suggests about 150
minutes of moderate activity a week. Treat this as a long-term goal, not a starting point.</li>
</ul>
<h2>Small things that make walks easier</h2>
<p>Supportive, comfortable shoes help. A relaxed arm swing and looking ahead rather than down at your feet
tend to feel more natural. If you get leg symptoms when walking that ease when you sit or lean forward,
as can happen with spinal stenosis, pushing a shopping cart or using walking poles encourages a slight
forward lean that may feel more comfortable. Walking with a friend or a dog can make the habit easier to
keep.</p>
<p>Expect some aching, especially early on. A good rule of thumb: if symptoms settle back to your usual
level within a few hours or by the next morning, the amount was probably about right.</p>
<h2>When to see a clinician</h2>
<p>Speak with a clinician or physical therapist if walking consistently makes your pain worse, if leg
pain limits how far you can walk, or if you are not improving after several weeks. Seek
<strong>urgent</strong> care if you develop loss of bladder or bowel control, numbness in the saddle
area, weakness in your legs that is getting worse, or a fever alongside back pain.</p>""",
        "references": [_WALKBACK_2024, _WHO_2023, _NICE_NG59],
        "published_days_ago": 96,
        "updated_days_ago": 8,
        "is_featured": True,
        "image_alt": (
            "Abstract illustration in ocean blue and mint tones for an article about building up a "
            "walking routine for back pain"
        ),
        "palette": ("#2e6f95", "#cfe6d8"),
    },
    {
        "title": "Strength Training When Your Back Hurts",
        "slug": "strength-training-when-your-back-hurts",
        "category": "exercise-and-stretching",
        "author": "owen-halvorsen",
        "reviewer": None,
        "summary": (
            "Building strength gradually is one of the best ways to regain confidence after back pain. "
            "Principles for getting started, a simple starter routine, and a fresh look at lifting technique."
        ),
        "body": """<h2>Strength is on your side</h2>
<p>People with back pain are often told, or tell themselves, to avoid lifting anything heavy for good.
That advice is understandable but usually unnecessary. Muscles, bones, and the tissues of the spine adapt
to the loads placed on them, and gradually building strength is one of the ways people regain confidence
and capacity after an episode of back pain.</p>
<p>Research on exercise for persistent low back pain shows modest but real benefits for pain and function
across many kinds of programs, including strengthening. There is no single magic exercise. What matters
most is choosing activities that suit you and sticking with them.</p>
<h2>Principles for getting started</h2>
<ul>
<li><strong>Start light.</strong> Begin with body weight or light resistance and focus on smooth,
controlled movement.</li>
<li><strong>Progress slowly.</strong> Add a few repetitions, a little weight, or an extra set every week
or two, not all at once.</li>
<li><strong>Expect some soreness.</strong> Mild muscle soreness for a day or two after a new exercise is
normal. A sharp increase in back pain that lasts into the next day suggests easing off a little.</li>
<li><strong>Aim for two or three sessions a week.</strong> Rest days give your body time to adapt.</li>
<li><strong>Move in many directions.</strong> Bending, lifting, twisting, and carrying are normal human
movements, and a well-rounded program gradually includes all of them.</li>
</ul>
<h2>A simple starter routine</h2>
<p>These exercises are commonly used and need little equipment. Do 1 to 2 sets of 8 to 12 comfortable
repetitions.</p>
<ol>
<li><strong>Sit-to-stand.</strong> From a sturdy chair, stand up and sit back down with control. Use your
hands at first if needed.</li>
<li><strong>Glute bridge.</strong> Lying on your back with knees bent, press through your feet to lift
your hips, pause, and lower slowly.</li>
<li><strong>Bird dog.</strong> On hands and knees, reach one arm forward and the opposite leg back, hold
briefly, and switch sides.</li>
<li><strong>Wall push-up.</strong> With your hands on a wall at chest height, bend your elbows to bring
your chest toward the wall, then push away.</li>
<li><strong>Suitcase carry.</strong> Hold a moderately heavy bag in one hand and walk tall for 20 to 30
steps, then switch hands.</li>
</ol>
<p>As these become easy, you might progress to squats holding a weight, hip hinges with a kettlebell,
step-ups, or rows. A physical therapist or qualified trainer can help you plan that progression.</p>
<h2>What about lifting technique?</h2>
<p>Many people have been taught that there is only one safe way to lift, with a perfectly straight back.
Current evidence does not strongly support the idea that a rounded back during lifting is the main cause
of back pain. Being strong, prepared, and familiar with the load seems to matter more than any single
technique. Keeping the load close to your body and avoiding sudden, jerky movements are still sensible
habits, especially when you are getting back into lifting.</p>
<p>If certain movements feel threatening right now, that is fine. They can be reintroduced gradually,
starting with lighter loads and smaller ranges.</p>
<h2>When to see a clinician</h2>
<p>Check with a doctor or physical therapist before starting if you have a heart condition,
osteoporosis, recent surgery, or another health concern, or if your pain is severe and not settling. Seek
<strong>urgent</strong> help for numbness in the saddle area, new problems with bladder or bowel control,
progressive leg weakness, fever with back pain, or pain that began after a major injury.</p>""",
        "references": [_COCHRANE_EXERCISE_2021, _WHO_2023, _ACP_2017],
        "published_days_ago": 58,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in clay brown and sand tones for an article about strength training "
            "with back pain"
        ),
        "palette": ("#8a5a44", "#e9d6c5"),
    },
    {
        "title": "Heat, Cold, and Over-the-Counter Pain Relief",
        "slug": "heat-cold-and-over-the-counter-pain-relief",
        "category": "pain-relief-options",
        "author": "nadia-ferreira-holt",
        "reviewer": "theo-lindqvist",
        "summary": (
            "Simple pain relief can make it easier to move and sleep while your back recovers. What the "
            "evidence says about heat, cold, and common medicines, and how to use them safely."
        ),
        "body": """<h2>Relief that supports recovery</h2>
<p>Pain relief for back pain has a clear purpose: to make it easier to sleep, move, and get on with life
while your back recovers. It rarely fixes the underlying problem on its own, and no option works for
everyone. Used thoughtfully, though, simple measures can make the difficult days more manageable.</p>
<h2>Heat and cold</h2>
<p>Superficial heat, such as a heat wrap, heating pad, or warm bath, has some of the better evidence among
simple treatments for short-term relief of new low back pain, and the American College of Physicians
includes it among its first suggestions. Heat may help by relaxing tense muscles and giving the nervous
system a soothing sensation to focus on.</p>
<p>Evidence for cold packs is more limited, but some people prefer them, particularly right after a
strain. Either is reasonable if it feels good. A few safety points:</p>
<ul>
<li>Place a cloth between your skin and any hot or cold pack.</li>
<li>Limit sessions to about 15 to 20 minutes, and check your skin.</li>
<li>Do not fall asleep on a heating pad.</li>
<li>Take extra care if you have diabetes, poor circulation, or reduced sensation, as burns and cold
injuries are more likely.</li>
</ul>
<h2>Over-the-counter medicines</h2>
<p><strong>Nonsteroidal anti-inflammatory drugs (NSAIDs)</strong>, such as ibuprofen and naproxen, are the
medicines guidelines most often suggest when medication is wanted for low back pain. Their benefit is
generally modest. They are best used at the lowest effective dose for the shortest time needed, because
they can cause stomach bleeding, kidney problems, and raised blood pressure, and can increase the risk of
heart problems in some people. They may not be suitable if you are older, pregnant, or taking blood
thinners, or if you have stomach ulcers, kidney disease, or heart disease.</p>
<p><strong>Acetaminophen</strong> is widely used and gentle on the stomach, but research suggests it does
little for low back pain on its own, and several guidelines no longer recommend it as a standalone
treatment. Taking more than the labeled dose can seriously harm the liver, and acetaminophen appears in
many combination cold and flu products, so check labels to avoid doubling up.</p>
<p><strong>Topical products</strong>, such as creams or patches, are sometimes used too. Evidence for
them in back pain specifically is limited, though some people find them helpful.</p>
<h2>What about stronger medicines?</h2>
<p>Prescription options such as muscle relaxants are sometimes used for short periods for acute pain, but
they commonly cause drowsiness. Opioids are generally not recommended for most back pain because their
benefits are small and their risks, including dependence, are significant. If you are considering any
prescription medicine, a clinician can help you weigh the trade-offs for your situation.</p>
<h2>Questions to ask a pharmacist</h2>
<ol>
<li>Is this medicine safe with my other medicines and health conditions?</li>
<li>What is the most I can take in a day?</li>
<li>How long should I use it before checking back with a doctor?</li>
</ol>
<h2>When to see a clinician</h2>
<p>See a clinician if pain is severe, if you need pain relief for more than a couple of weeks, or if side
effects develop. Seek <strong>urgent</strong> care if back pain comes with loss of bladder or bowel
control, numbness in the saddle area, worsening leg weakness, or fever, or if it follows a major
injury.</p>""",
        "references": [_ACP_2017, _NICE_NG59, _MEDLINEPLUS_BACK_PAIN],
        "published_days_ago": 271,
        "updated_days_ago": 30,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in rust and peach tones for an article about heat, cold, and "
            "over-the-counter pain relief"
        ),
        "palette": ("#b5533c", "#f4dcc8"),
    },
    {
        "title": "Hands-On and Mind-Body Therapies: What the Evidence Says",
        "slug": "hands-on-and-mind-body-therapies-evidence",
        "category": "pain-relief-options",
        "author": "maren-castellane",
        "reviewer": "nadia-ferreira-holt",
        "summary": (
            "Massage, spinal manipulation, acupuncture, yoga, and psychological therapies: an honest look "
            "at what research and guidelines say, and how to choose an approach that keeps you active."
        ),
        "body": """<h2>A crowded field</h2>
<p>Walk into any health fair and you will find a dozen therapies promising to help back pain. Some have a
reasonable evidence base, some are uncertain, and some have been studied and found wanting. This overview
focuses on the options that major guidelines discuss, with an honest look at what the research can and
cannot tell us.</p>
<p>A common thread runs through modern guidance: therapies work best as part of an active approach that
includes exercise and staying engaged in daily life, rather than as something done to you in
isolation.</p>
<h2>Hands-on therapies</h2>
<ul>
<li><strong>Massage.</strong> Can provide short-term relief for many people and is generally safe. It is
most useful when it helps you move more comfortably.</li>
<li><strong>Spinal manipulation.</strong> Offered by chiropractors, osteopathic physicians, and some
physical therapists. Studies suggest small short-term benefits, similar in size to other recommended
treatments. Guidelines that include it usually suggest combining it with exercise.</li>
<li><strong>Acupuncture.</strong> Here guidelines disagree. The American College of Physicians lists it as
an option, while the UK's National Institute for Health and Care Excellence advises against it for low
back pain. The benefits seen in studies tend to be modest.</li>
</ul>
<h2>Mind-body approaches</h2>
<p>These approaches reflect a better understanding of how pain works: the nervous system, thoughts,
emotions, and movement all interact.</p>
<ul>
<li><strong>Yoga and tai chi.</strong> Both combine gentle movement, strength, balance, and breathing.
Studies in persistent low back pain show benefits broadly similar to other forms of exercise.</li>
<li><strong>Mindfulness-based stress reduction.</strong> Structured programs that teach attention and
acceptance skills have shown modest improvements in pain and function.</li>
<li><strong>Cognitive behavioral therapy (CBT).</strong> This is not a suggestion that pain is "in your
head." CBT helps people work with unhelpful thoughts, fears, and habits around pain, and it tends to work
best alongside physical activity.</li>
</ul>
<p>The World Health Organization's 2023 guideline on chronic low back pain supports care that combines
education, exercise, and physical and psychological therapies, tailored to the person rather than
relying on any single treatment.</p>
<h2>What the evidence does not support</h2>
<p>Several passive treatments have not shown meaningful benefit for typical low back pain and are not
recommended for routine use in major guidelines. These include traction, back braces or belts worn for
pain, and therapeutic ultrasound. That does not mean nobody has ever felt better after them, only that
reliable studies have not shown they help more than simpler options.</p>
<h2>Choosing wisely</h2>
<p>When you are considering a therapy, these questions can help:</p>
<ol>
<li>Does it help me become more active, or does it keep me reliant on repeated visits?</li>
<li>Is there a clear plan, with a sense of how many sessions and what progress should look like?</li>
<li>What are the costs and possible risks?</li>
<li>Does the practitioner explain things in a way that makes me feel more capable, not more fragile?</li>
</ol>
<h2>When to see a clinician</h2>
<p>A doctor or physical therapist can help you decide which approaches fit your situation. Rather than
starting any hands-on treatment, seek <strong>urgent</strong> medical assessment if you have warning
signs: loss of bladder or bowel control, numbness in the saddle area, progressive leg weakness, fever
with back pain, or pain after a significant injury.</p>""",
        "references": [_ACP_2017, _NICE_NG59, _WHO_2023, _LANCET_2018_TREAT],
        "published_days_ago": 129,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in eucalyptus green and linen tones for an article about hands-on and "
            "mind-body therapies"
        ),
        "palette": ("#5e7d6f", "#e4dccf"),
    },
    {
        "title": "Setting Up a Desk That Is Kind to Your Back",
        "slug": "setting-up-a-back-friendly-desk",
        "category": "posture-and-ergonomics",
        "author": "owen-halvorsen",
        "reviewer": None,
        "summary": (
            "A comfortable workspace will not cure back pain, but it can make long days easier. A quick "
            "checklist for chairs, screens, and laptops, and why regular movement matters most."
        ),
        "body": """<h2>Comfort first, not perfection</h2>
<p>Many of us spend hours a day at a desk, whether in an office, at a kitchen table, or on the couch with
a laptop. A well-arranged workspace will not cure back pain, and research has not shown that any
particular setup prevents it. But a comfortable arrangement can make long days easier and reduce the
aches that come from staying fixed in an awkward position.</p>
<p>The goal is simple: a setup that lets you sit or stand comfortably, see your screen without straining,
and change position easily.</p>
<h2>A quick checklist</h2>
<ul>
<li><strong>Chair height.</strong> Feet flat on the floor or on a footrest, with knees roughly level with
or slightly below your hips.</li>
<li><strong>Back support.</strong> Use the chair's lumbar support, or a small cushion or rolled towel, to
support the natural curve of your lower back if that feels better.</li>
<li><strong>Screen position.</strong> The top of the screen at or slightly below eye level, about an arm's
length away. If you wear bifocals or progressive lenses, a slightly lower screen may be more
comfortable.</li>
<li><strong>Keyboard and mouse.</strong> Close enough that your elbows stay near your sides, bent at about
a right angle, with relaxed shoulders.</li>
<li><strong>Everyday items.</strong> Keep your phone, notebook, and water within easy reach to avoid
repeated stretching or twisting.</li>
</ul>
<h2>Working from a laptop</h2>
<p>Laptops are convenient but awkward for long sessions, because the screen and keyboard are joined. If you
use one for hours a day, consider raising it on a stand or a stack of books and adding a separate keyboard
and mouse. Even a low-cost setup like this can make a noticeable difference. Working from bed or a low
couch is fine occasionally; for longer stretches, a table and chair are usually more comfortable.</p>
<h2>Sit-stand desks</h2>
<p>Adjustable desks are popular, and many people like being able to switch positions. Standing all day is
not a cure, though, and it brings its own aches. The benefit comes from <em>changing</em> position, not
from any one posture. If you have a sit-stand desk, try alternating every 30 to 60 minutes and notice what
feels good for you.</p>
<h2>Build in movement</h2>
<p>The most important ergonomic tool may be a reminder to move. Staying still for long periods tends to
increase stiffness, whatever your posture. A few ideas:</p>
<ol>
<li>Stand up or walk around for phone calls.</li>
<li>Set a gentle timer every 30 to 45 minutes to stretch, refill your water, or simply shift
position.</li>
<li>Place your printer or trash can across the room so you have small reasons to get up.</li>
<li>Take a short walk at lunch, even if it is just around the building.</li>
</ol>
<p>For more detail, the U.S. Occupational Safety and Health Administration offers a free
<a href="https://www.osha.gov/etools/computer-workstations">computer workstations guide</a> with
checklists you can use to review your setup.</p>
<h2>When to see a clinician</h2>
<p>If back or neck pain persists despite adjustments, a physical therapist or occupational health
professional can look at your work setup and habits with you. Seek <strong>urgent</strong> medical care
if you develop numbness in the groin or saddle area, loss of bladder or bowel control, weakness in the
legs that is getting worse, or fever with back pain, or if you have severe pain after a fall or
accident.</p>""",
        "references": [_OSHA_WORKSTATIONS, _NIAMS_BACK_PAIN],
        "published_days_ago": 211,
        "updated_days_ago": 19,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in slate and cream tones for an article about setting up a "
            "back-friendly desk"
        ),
        "palette": ("#44576d", "#f0e6d2"),
    },
    {
        "title": "Rethinking Good Posture",
        "slug": "rethinking-good-posture",
        "category": "posture-and-ergonomics",
        "author": "theo-lindqvist",
        "reviewer": None,
        "summary": (
            "There is no single correct posture that protects your back. Why changing position matters "
            "more than holding a perfect one, and how to use posture as a comfort tool during a flare."
        ),
        "body": """<h2>The posture myth</h2>
<p>Most of us grew up hearing "sit up straight" and "don't slouch." It is widely believed that poor
posture causes back pain and that holding a perfectly aligned position will prevent it. The research
picture is more nuanced. Studies have not found a clear link between any particular sitting or standing
posture and developing back pain, and people with very different postures can have equally healthy
backs.</p>
<p>This is good news. It means you do not need to monitor your spine all day or feel guilty about
slumping on the couch.</p>
<h2>Why variety matters more than position</h2>
<p>Bodies are built to move. Any position, even one that looks ideal, can become uncomfortable if you
hold it long enough. Think about sitting bolt upright for two hours: most people would end up stiff and
sore. Slouching for a while is not harmful in itself; it only becomes uncomfortable when you stay there
without a break.</p>
<p>Physical therapists often sum this up with a simple phrase: <em>your best posture is your next
posture</em>. Changing position regularly spreads the load among different tissues and keeps muscles
from becoming fatigued.</p>
<h2>When posture does matter</h2>
<p>Posture is not irrelevant. During a flare of back pain, some positions will feel better than others,
and it makes sense to use the ones that ease your symptoms. For example:</p>
<ul>
<li>Some people find sitting more comfortable with a small cushion behind the lower back.</li>
<li>Others feel better standing with one foot resting on a low step.</li>
<li>Leaning slightly forward can ease leg symptoms for people with spinal stenosis.</li>
</ul>
<p>These are comfort strategies for now, not permanent rules. As your back settles, you can return to
moving in the ways you enjoy.</p>
<h2>The problem with fearing "bad" posture</h2>
<p>Worrying constantly about posture can backfire. People who believe their back is fragile often move
stiffly, brace their muscles, and avoid bending, which may keep the back sensitive for longer. Being told
that your spine is "out of alignment," or that one slouch could cause damage, can add to that fear
without offering any real benefit.</p>
<p>A more helpful mindset is that your spine is strong and adaptable. Bending, twisting, and slouching
are all normal movements that your back is designed to handle.</p>
<h2>Practical ideas</h2>
<ol>
<li>Change position often: sit, stand, walk, perch, and lean.</li>
<li>Make your workspace comfortable enough that moving is easy.</li>
<li>Build general strength and fitness, which help you tolerate all kinds of positions.</li>
<li>Use positions that ease pain during a flare without treating them as the only "correct" ones.</li>
</ol>
<h2>When to see a clinician</h2>
<p>If a particular position consistently triggers pain that is not improving, a physical therapist can
help you explore why and what to do about it. Seek <strong>urgent</strong> care for back pain that comes
with numbness in the saddle area, changes in bladder or bowel control, progressive leg weakness, or
fever, or that follows a recent significant injury.</p>""",
        "references": [_LANCET_2018_WHAT, _NHS_BACK_PAIN],
        "published_days_ago": 44,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in dusty violet and pale lilac tones for an article rethinking good "
            "posture"
        ),
        "palette": ("#6f5f93", "#e8e1ef"),
    },
    {
        "title": "Sleeping Better With Back Pain",
        "slug": "sleeping-better-with-back-pain",
        "category": "sleep",
        "author": "maren-castellane",
        "reviewer": "theo-lindqvist",
        "summary": (
            "Back pain and poor sleep can feed each other, but small changes help. Positions to try, an "
            "easier way to get in and out of bed, and sleep habits that make nights more restful."
        ),
        "body": """<h2>Pain and sleep affect each other</h2>
<p>Back pain can make it hard to get comfortable at night, and a poor night's sleep can make pain feel
sharper the next day. Many people find themselves caught in this loop. The encouraging part is that it
works in both directions: improving sleep, even a little, can make pain more manageable.</p>
<h2>Positions to try</h2>
<p>There is no single best sleeping position for everyone with back pain. These are common starting
points:</p>
<ul>
<li><strong>On your side.</strong> Place a pillow between your knees to keep your hips and pelvis level.
Drawing the knees up slightly can ease some types of back pain.</li>
<li><strong>On your back.</strong> A pillow under your knees can take pressure off the lower back.</li>
<li><strong>On your stomach.</strong> If this is the only way you can sleep, a thin pillow under your hips
may help. Some people find this position strains the neck.</li>
</ul>
<p>Choose a head pillow that keeps your neck roughly in line with your spine in whichever position you
use.</p>
<h2>Getting in and out of bed</h2>
<p>Moments of transition are often the most painful. A technique many people find easier:</p>
<ol>
<li>Bend your knees and roll onto your side, moving your shoulders and hips together.</li>
<li>Let your lower legs slide off the edge of the bed.</li>
<li>Push up with your arms as your legs lower, bringing yourself to sitting.</li>
<li>Pause for a moment before standing.</li>
</ol>
<p>Reverse the steps to lie down.</p>
<h2>Habits that support sleep</h2>
<p>General sleep habits matter just as much when you have back pain:</p>
<ul>
<li>Keep a consistent wake-up time, even on weekends.</li>
<li>Wind down for 30 to 60 minutes before bed, away from bright screens if possible.</li>
<li>Limit caffeine in the afternoon and evening, and avoid using alcohol to help you sleep, as it tends to
disrupt sleep later in the night.</li>
<li>Keep your bedroom cool, dark, and quiet.</li>
<li>Stay active during the day; regular movement supports both sleep and back health.</li>
<li>Try a warm shower or a heat pack before bed to ease stiffness.</li>
</ul>
<p>If you lie awake for a long time, getting up to do something calm in dim light and returning to bed
when you feel sleepy often works better than lying there frustrated.</p>
<h2>Morning stiffness</h2>
<p>Many people with back pain feel stiff first thing in the morning, and this usually eases once they
start moving. A few gentle movements in bed, such as knee rocks or pelvic tilts, can help. Morning
stiffness that lasts longer than about 30 minutes, especially in a younger adult whose pain improves with
exercise but not with rest, can occasionally point to an inflammatory condition such as axial
spondyloarthritis, so it is worth mentioning to a doctor.</p>
<h2>When to see a clinician</h2>
<p>Talk with a clinician if pain regularly wakes you, if sleep problems last more than a few weeks, or if
low mood is creeping in. For long-standing sleep problems, cognitive behavioral therapy for insomnia is
an effective treatment that does not rely on medication. Pain that is severe at night and not eased by
any position, especially with weight loss, fever, or a history of cancer, should be assessed promptly.
Seek <strong>urgent</strong> care for loss of bladder or bowel control, numbness in the saddle area, or
worsening leg weakness.</p>""",
        "references": [_NHS_INSOMNIA, _NHS_BACK_PAIN, _NICE_NG59],
        "published_days_ago": 73,
        "updated_days_ago": 5,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in navy and soft blue tones for an article about sleeping better with "
            "back pain"
        ),
        "palette": ("#27406b", "#c9d6ea"),
    },
    {
        "title": "Choosing a Mattress Without the Hype",
        "slug": "choosing-a-mattress-without-the-hype",
        "category": "sleep",
        "author": "owen-halvorsen",
        "reviewer": None,
        "summary": (
            "Mattress marketing promises a lot, but the research is thin. What evidence there is, how to "
            "test a mattress properly, and low-cost changes to try before you buy."
        ),
        "body": """<h2>What the research can tell us</h2>
<p>Mattress advertising often promises relief from back pain, but the research behind those claims is
thin. The studies that do exist are mostly small and short. Taken together, they suggest that a
<strong>medium-firm</strong> mattress may be a little better for comfort and sleep quality than a very
firm one for many people with back pain. The old idea that a rock-hard bed, or a board under the
mattress, is best for backs is not well supported.</p>
<p>Beyond that, personal comfort matters most. Bodies differ in size, shape, and preferred sleeping
position, and people differ in what they find comfortable.</p>
<h2>Signs it might be time for a change</h2>
<ul>
<li>You regularly wake up stiffer than when you went to bed, and you sleep better in other beds.</li>
<li>The mattress sags visibly, or you roll toward a dip in the middle.</li>
<li>It is many years old and no longer feels supportive.</li>
</ul>
<h2>How to choose</h2>
<ol>
<li><strong>Test it properly.</strong> If you can, lie on a mattress in your usual sleeping position for
at least 10 to 15 minutes. A quick sit on the edge tells you little.</li>
<li><strong>Think about your sleeping position.</strong> Side sleepers often prefer a little more
cushioning at the shoulders and hips, while back sleepers often like a bit more support under the lower
back.</li>
<li><strong>Check the trial period and return policy.</strong> Many retailers offer home trials. It can
take a few weeks to adjust to a new mattress, so a generous trial is valuable.</li>
<li><strong>Consider your partner.</strong> If your needs differ, options with separate comfort zones, or
two single mattresses joined together, can help.</li>
<li><strong>Do not pay for marketing.</strong> High prices and special materials do not guarantee a better
night, and labels such as "orthopedic" are marketing terms rather than medical standards.</li>
</ol>
<h2>Low-cost alternatives</h2>
<p>A new mattress is a big expense, and it may not be necessary. Before buying, you might try:</p>
<ul>
<li>A mattress topper to add softness to a bed that feels too firm.</li>
<li>Rotating the mattress, if the manufacturer recommends it, to even out wear.</li>
<li>Pillows between or under your knees to find a more comfortable position.</li>
<li>Checking that the bed base or frame is not sagging.</li>
</ul>
<h2>Keep expectations realistic</h2>
<p>A comfortable mattress can help you sleep better, and better sleep can make pain easier to manage.
But a mattress is unlikely to resolve back pain on its own. Staying active, building strength, and good
sleep habits generally make a larger difference.</p>
<h2>When to see a clinician</h2>
<p>If back pain is consistently waking you at night, or you feel stiff for long periods each morning,
talk to a clinician rather than relying on a new bed to solve it. Night pain that does not ease with any
change of position, especially with fever, weight loss, or a history of cancer, needs prompt assessment.
Seek <strong>urgent</strong> care for loss of bladder or bowel control, numbness in the saddle area, or
progressive leg weakness.</p>""",
        "references": [_NHS_BACK_PAIN, _NHS_INSOMNIA],
        "published_days_ago": 17,
        "updated_days_ago": None,
        "is_featured": False,
        "image_alt": (
            "Abstract illustration in steel blue and warm white tones for an article about choosing a "
            "mattress"
        ),
        "palette": ("#6d8fa6", "#f1ebe3"),
    },
]
