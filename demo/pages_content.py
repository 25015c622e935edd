"""Original text of the site pages (privacy, disclaimer, editorial policy, about, contact),
written for this project.
"""

ABOUT_BODY = """
<p>Healthy Back is an independent publisher for people who live with back pain, and for the people who
care about them. We explain what is going on in your back, what the evidence says about the options, and
what you can reasonably expect, in plain language and without hype.</p>

<h2>Why we exist</h2>
<p>Back pain is one of the most common reasons people see a doctor, and one of the most confusing. Advice
online often contradicts itself, leans on fear, or promises quick fixes that do not hold up. We want to
offer something steadier: clear explanations you can read in a few minutes, grounded in current research
and written by people who understand both the science and what it is like to be in pain.</p>

<h2>Who writes our articles</h2>
<p>Our articles are written by clinicians, such as physicians and physical therapists, and by experienced
health writers who work closely with them. Many of our articles are also checked by a qualified medical
reviewer before they are published. When that review is complete, the article says so, along with the
reviewer's name, credentials and the date of the review.</p>
<p>Every article shows who wrote it, with a short author box describing their background. We cite the
sources we rely on, such as clinical guidelines and peer-reviewed studies, in a numbered list of
references at the end of the article, so you can see where the information comes from. You can read
more about how we work in our <a href="/pages/editorial-policy/">editorial policy</a>.</p>

<h2>What we cover</h2>
<ul>
<li>Common causes of back and neck pain, and how they are usually diagnosed</li>
<li>Treatment options, from exercise and self-care to procedures and surgery</li>
<li>Practical guidance for work, sleep, travel and everyday movement</li>
<li>Warning signs that mean you should get medical help quickly</li>
</ul>

<h2>What we are not</h2>
<p>Healthy Back is a source of information, not a substitute for care from a qualified clinician. We
cannot examine you, and an article cannot know your history. Please use what you read here to ask
better questions and make informed decisions together with your own doctor or therapist. Our
<a href="/pages/medical-disclaimer/">medical disclaimer</a> explains this in more detail, including the
symptoms that need urgent attention.</p>

<h2>Stay in touch</h2>
<p>If you would like new articles in your inbox, you can sign up for our free e-newsletter. We only send
it after you confirm your address, and every issue includes a one-click unsubscribe link. You are also
welcome to join the conversation in the comments, which our team reads and moderates.</p>
<p>Questions, suggestions or a correction? We would like to hear from you. Visit our
<a href="/pages/contact/">contact page</a> to reach the editorial team.</p>
"""

EDITORIAL_POLICY_BODY = """
<p>People come to Healthy Back when they are uncomfortable, worried or trying to make a decision about
their care. That is a responsibility we take seriously. This page explains how our articles are written,
reviewed, dated and corrected, and how we keep our content independent.</p>

<h2>How we write articles</h2>
<p>Our articles are written by clinicians and health writers with experience in back and spine health.
We base what we publish on the best available evidence, with a preference for:</p>
<ul>
<li>Clinical practice guidelines from professional and public health bodies</li>
<li>Systematic reviews and peer-reviewed research published in medical journals</li>
<li>Established medical reference texts and the consensus of relevant specialists</li>
</ul>
<p>Sources are cited in a numbered <strong>References</strong> list at the end of each article, so you can
check them yourself. Where the evidence is weak, mixed or still developing, we say so rather than
presenting an opinion as settled fact.</p>

<h2>Medical review</h2>
<p>Many of our articles are checked by a qualified medical reviewer, such as a physician or a physical
therapist, before they are published. The reviewer checks that the article is accurate, balanced and
consistent with current evidence, and the author makes any changes needed.</p>
<p>An article shows the line <em>"Medically reviewed by [name, credentials] on [date]"</em> only after
that review has been completed. If an article has not been medically reviewed, we do not suggest that it
has.</p>

<h2>Honest dates</h2>
<p>The date on an article should tell you how current it is. We follow two simple rules:</p>
<ul>
<li><strong>Published</strong> shows the date the article first appeared on Healthy Back.</li>
<li><strong>Updated</strong> appears only when we make a substantive change, such as new advice, new
evidence or a corrected recommendation.</li>
</ul>
<p>Small edits, such as fixing a typo or tidying a sentence, do not change the date. We do not refresh
dates to make an article look newer than it is.</p>

<h2>Corrections</h2>
<p>We work hard to get things right, and we want to know when we have not. If you spot an error, please
tell us through our <a href="/pages/contact/">contact page</a>. We review every report, and when a
correction is needed we make it promptly. If a correction changes the substance of an article, the
article is marked as updated.</p>

<h2>Independence</h2>
<p>Healthy Back is an independent publisher. Our editorial decisions are made by our editorial team
alone. Advertisers and other commercial partners have no influence over what we cover or what our
articles say. It is our policy not to publish sponsored articles or paid content dressed up as
editorial.</p>

<h2>Authors and credentials</h2>
<p>Every article names its author. An author box on the article page describes the author's background
and relevant credentials, so you know who is speaking and why they are qualified to do so. Medical
reviewers are named with their credentials in the same way.</p>

<h2>Not a substitute for care</h2>
<p>Even the most careful article cannot replace an examination by a clinician who knows your history.
Please read our <a href="/pages/medical-disclaimer/">medical disclaimer</a> to understand how to use our
content safely.</p>
"""

MEDICAL_DISCLAIMER_BODY = """
<p>The articles, newsletter and other content on Healthy Back are provided for general information and
education only. They are not medical advice, and they are not a diagnosis or a treatment plan for you
or anyone else.</p>

<h2>Talk to a qualified clinician</h2>
<p>Back pain has many possible causes, and the right approach depends on your symptoms, your health
history and an examination. Before you start, stop or change any treatment, medication or exercise
program, please talk to a qualified clinician, such as your doctor or a physical therapist. Never
ignore professional advice or delay seeking it because of something you read on this site.</p>

<h2>No clinician-patient relationship</h2>
<p>Reading our articles, subscribing to our newsletter, leaving a comment or contacting us does not
create a clinician-patient relationship with Healthy Back, our authors or our medical reviewers. We are
not able to give personal medical advice.</p>

<h2>When to seek urgent care</h2>
<p>Most back pain is not dangerous and improves with time. Some symptoms, however, can be a sign of a
serious problem that needs prompt medical attention. Seek urgent care if you have back pain together
with any of the following:</p>
<ul>
<li>Loss of bladder or bowel control, or new difficulty passing urine</li>
<li>Numbness in the groin, genitals, buttocks or inner thighs (the "saddle" area)</li>
<li>Weakness in one or both legs that is getting worse</li>
<li>Fever, or feeling generally unwell, along with back pain</li>
<li>Back pain that started after a major trauma, such as a car accident or a serious fall</li>
<li>Unexplained weight loss, or a history of cancer</li>
</ul>
<p><strong>In an emergency, call 911 or your local emergency number right away.</strong> Do not wait to
read more or to hear back from us.</p>

<h2>Accuracy and limits of our content</h2>
<p>We follow a careful process to keep our articles accurate and up to date, which you can read about in
our <a href="/pages/editorial-policy/">editorial policy</a>. Even so, medical knowledge changes, and
general information cannot account for your individual situation. We cannot guarantee that every
article is complete, current or suitable for you.</p>

<h2>Comments</h2>
<p>Comments on our articles are the views and experiences of our readers. They are not medical advice
and are not reviewed for medical accuracy, even though our team moderates them. What
worked for another reader may not be right for you.</p>

<h2>Links to other websites</h2>
<p>Our articles sometimes link to studies, guidelines or other websites. We link to them because we think
they are useful, but we do not control their content and are not responsible for it.</p>

<p>If you have questions about this disclaimer, please <a href="/pages/contact/">contact us</a>.</p>
"""

PRIVACY_BODY = """
<p>This policy explains what personal data Healthy Back collects, why we collect it, how long we keep it
and what choices you have. We have tried to keep it short and plain, and to collect only what we
need.</p>

<h2>Who we are</h2>
<p>Healthy Back is an independent health publisher and is responsible for the personal data described
here. You can reach us about privacy at any time through our <a href="/pages/contact/">contact
page</a>.</p>

<h2>Newsletter</h2>
<p>When you sign up for our free e-newsletter, we collect your email address and the page where you
signed up. We use double opt-in: after you sign up, we send you one confirmation email and nothing else
until you click the confirmation link in it. If you never confirm, we delete the sign-up after 7 days.</p>
<p>To show that you agreed to receive the newsletter, we keep a consent record: the time and IP address
of your sign-up and of your confirmation, and the version of the consent text you saw. We keep this
record while you are subscribed and for 3 years after you unsubscribe, as proof of consent, and then
delete it.</p>
<p>Every newsletter includes a one-click unsubscribe link. Our emails contain no tracking pixels and no
link tracking, so we do not know whether you opened an email or which links you clicked.</p>

<h2>Comments</h2>
<p>When you leave a comment, we collect your name, your email address, your website if you choose to
give one, and your comment. Your email address is never published. We use it to contact you about your
comment if needed.</p>
<ul>
<li>We keep your IP address and browser user agent for 60 days to prevent spam and abuse, then delete
them.</li>
<li>Comments marked as spam or removed by our moderators are deleted after 30 days.</li>
<li>Published comments stay on the site until you ask us to remove them.</li>
<li>If you tick "save my name and email," they are stored only in a cookie in your own browser, to fill
in the form next time. We do not keep a separate copy for this.</li>
<li>If you ask to be notified of replies, we send those notifications only after you confirm your email
address.</li>
</ul>

<h2>Google reCAPTCHA</h2>
<p>Our comment form uses Google reCAPTCHA to tell people from automated bots. When you use the form,
Google receives data such as your IP address and information about your browser. The reCAPTCHA script
loads only when you start using the comment form, not on every page. Google's
<a href="https://policies.google.com/privacy">privacy policy</a> and
<a href="https://policies.google.com/terms">terms of service</a> apply to its use.</p>

<h2>Cookies</h2>
<p>We do not use advertising or analytics cookies. We use a security cookie (a CSRF cookie) that protects
our forms from misuse. Members of our staff also receive sign-in cookies when they log in to manage the
site; readers do not.</p>

<h2>Your rights</h2>
<p>You can ask us to:</p>
<ul>
<li>give you a copy of the personal data we hold about you, including an export of your comments and
newsletter data</li>
<li>correct data that is wrong</li>
<li>delete your comments and newsletter data</li>
<li>withdraw your consent at any time, for example by unsubscribing from the newsletter</li>
</ul>
<p>To make a request, please use the details on our <a href="/pages/contact/">contact page</a>.</p>

<h2>Sharing and storage</h2>
<p>We do not sell your personal data. Your data is stored with our hosting provider, which processes it
on our behalf to run this website.</p>

<h2>Changes to this policy</h2>
<p>If we change this policy, we will publish the new version on this page with the date it took
effect.</p>
"""

CONTACT_BODY = """
<p>We are glad to hear from readers. Whether you have a question about an article, a suggestion for a
topic or a correction, here is how to reach us.</p>

<h2>Editorial team</h2>
<p>For questions, feedback and topic ideas, email our editorial team at
<a href="mailto:editors@healthyback.example">editors@healthyback.example</a>. We read every message,
although we may not be able to reply to each one individually.</p>

<h2>Reporting an error</h2>
<p>If you think something in one of our articles is wrong or out of date, please let us know at the same
address. It helps us to act quickly if you include:</p>
<ol>
<li>the title of the article and a link to it</li>
<li>what you think is wrong, quoting the passage if you can</li>
<li>a source that supports the correction, such as a clinical guideline or a published study, if you
have one</li>
</ol>
<p>We review every report and correct errors promptly. Our <a href="/pages/editorial-policy/">editorial
policy</a> explains how corrections and updates are handled.</p>

<h2>Privacy requests</h2>
<p>To ask for a copy of your data, to correct it, or to have your comments or newsletter data deleted,
email <a href="mailto:privacy@healthyback.example">privacy@healthyback.example</a>. Please write from the
email address you used with us, so that we can find your data and confirm the request comes from you.
Our <a href="/pages/privacy/">privacy policy</a> describes what we collect and your rights.</p>
<p>To stop receiving the newsletter, you do not need to write to us: use the one-click unsubscribe link
at the bottom of any issue.</p>

<h2>We cannot give personal medical advice</h2>
<p>Our team cannot diagnose symptoms, recommend treatment or give personal medical advice by email. If
you have questions about your own back pain, please speak with your doctor or physical therapist. If you
have urgent symptoms, call 911 or your local emergency number. Our
<a href="/pages/medical-disclaimer/">medical disclaimer</a> lists warning signs that need prompt
care.</p>

<h2>Postal address</h2>
<p>Healthy Back, 100 Example Street, Suite 200, Springfield, USA <em>(placeholder address for this demo
site)</em></p>
"""

PAGES = [
    {
        "slug": "about",
        "title": "About Healthy Back",
        "summary": (
            "Healthy Back is an independent publisher explaining back pain in plain language, with "
            "articles by clinicians and health writers, many of them medically reviewed."
        ),
        "body": ABOUT_BODY.strip(),
        "position": 1,
    },
    {
        "slug": "editorial-policy",
        "title": "Editorial Policy",
        "summary": (
            "How Healthy Back writes, medically reviews, dates and corrects its articles, and how we keep "
            "our content evidence-based and independent."
        ),
        "body": EDITORIAL_POLICY_BODY.strip(),
        "position": 2,
    },
    {
        "slug": "medical-disclaimer",
        "title": "Medical Disclaimer",
        "summary": (
            "Healthy Back provides general information, not medical advice. Learn when to see a clinician "
            "and which back pain symptoms need urgent care."
        ),
        "body": MEDICAL_DISCLAIMER_BODY.strip(),
        "position": 3,
    },
    {
        "slug": "privacy",
        "title": "Privacy Policy",
        "summary": (
            "What personal data Healthy Back collects for its newsletter and comments, why, how long we "
            "keep it, and how to exercise your rights."
        ),
        "body": PRIVACY_BODY.strip(),
        "position": 4,
    },
    {
        "slug": "contact",
        "title": "Contact Us",
        "summary": (
            "How to reach the Healthy Back editorial team, report an error in an article, or make a "
            "request about your personal data."
        ),
        "body": CONTACT_BODY.strip(),
        "position": 5,
    },
]
