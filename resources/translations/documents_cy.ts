<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
<context>
    <name>Documents</name>
    <message>
        <source>%1 (about %2)</source>
        <translation>%1 (ynghylch %2)</translation>
    </message>
    <message>
        <source>%1 is the social worker in charge of %2&apos;s plan. Please contact them with any questions.</source>
        <translation>%1 yw&apos;r gweithiwr cymdeithasol sy&apos;n gyfrifol am gynllun %2. Cysylltwch â nhw os oes gennych chi unrhyw gwestiynau.</translation>
    </message>
    <message>
        <source>%1: no change to the register.</source>
        <translation>%1: dim newid i&apos;r gofrestr.</translation>
    </message>
    <message>
        <source>A child protection conference met to talk about %1. This letter tells you what was decided and what will happen next.</source>
        <translation>Cyfarfu cynhadledd amddiffyn plant i siarad am %1. Mae&apos;r llythyr hwn yn dweud wrthych beth a benderfynwyd a beth fydd yn digwydd nesaf.</translation>
    </message>
    <message>
        <source>A decision was made and is withheld from this copy.</source>
        <translation>Gwnaed penderfyniad ac mae wedi&apos;i atal o&apos;r copi hwn.</translation>
    </message>
    <message>
        <source>A review conference found no continuing risk of significant harm</source>
        <translation>Canfu cynhadledd adolygu nad oes risg barhaus o niwed sylweddol</translation>
    </message>
    <message>
        <source>A small group of people who work with your family, called the core group, will meet with you to turn the outline plan into a full plan.</source>
        <translation>Bydd grŵp bach o bobl sy&apos;n gweithio gyda&apos;ch teulu, sef y grŵp craidd, yn cwrdd â chi i droi&apos;r cynllun amlinellol yn gynllun llawn.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Ynghylch</translation>
    </message>
    <message>
        <source>About: %1</source>
        <translation>Ynghylch: %1</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Cam gweithredu</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Camau gweithredu</translation>
    </message>
    <message>
        <source>Actions for the whole family</source>
        <translation>Camau gweithredu ar gyfer y teulu cyfan</translation>
    </message>
    <message>
        <source>Added to the register</source>
        <translation>Ychwanegwyd at y gofrestr</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>Atodiad</translation>
    </message>
    <message>
        <source>Adult services</source>
        <translation>Gwasanaethau oedolion</translation>
    </message>
    <message>
        <source>Advocate</source>
        <translation>Eiriolwr</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Asiantaeth</translation>
    </message>
    <message>
        <source>All the children</source>
        <translation>Yr holl blant</translation>
    </message>
    <message>
        <source>An advocate attended with or for the child</source>
        <translation>Roedd eiriolwr yn bresennol gyda&apos;r plentyn neu ar ei ran</translation>
    </message>
    <message>
        <source>Analysis of risk</source>
        <translation>Dadansoddiad o&apos;r risg</translation>
    </message>
    <message>
        <source>Another language</source>
        <translation>Iaith arall</translation>
    </message>
    <message>
        <source>Apologies and absences</source>
        <translation>Ymddiheuriadau ac absenoldebau</translation>
    </message>
    <message>
        <source>Apologies; no report</source>
        <translation>Ymddiheuriadau; dim adroddiad</translation>
    </message>
    <message>
        <source>Apologies; report sent</source>
        <translation>Ymddiheuriadau; anfonwyd adroddiad</translation>
    </message>
    <message>
        <source>Approved by the chair on %1</source>
        <translation>Cymeradwywyd gan y cadeirydd ar %1</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Presenoldeb</translation>
    </message>
    <message>
        <source>Attended part of the conference</source>
        <translation>Roedd yn bresennol am ran o&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Attended the whole conference</source>
        <translation>Roedd yn bresennol drwy gydol y gynhadledd</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Awdur</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Cefndir</translation>
    </message>
    <message>
        <source>By a separate record-taker</source>
        <translation>Gan gofnodwr ar wahân</translation>
    </message>
    <message>
        <source>By consensus of the practitioners</source>
        <translation>Drwy gonsensws yr ymarferwyr</translation>
    </message>
    <message>
        <source>By the chair</source>
        <translation>Gan y cadeirydd</translation>
    </message>
    <message>
        <source>By when</source>
        <translation>Erbyn pryd</translation>
    </message>
    <message>
        <source>CAFCASS Cymru</source>
        <translation>CAFCASS Cymru</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorïau</translation>
    </message>
    <message>
        <source>Categories changed</source>
        <translation>Categorïau wedi newid</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Cadeirydd</translation>
    </message>
    <message>
        <source>Chair met the child before the conference</source>
        <translation>Cyfarfu&apos;r cadeirydd â&apos;r plentyn cyn y gynhadledd</translation>
    </message>
    <message>
        <source>Chair of the child protection conference</source>
        <translation>Cadeirydd y gynhadledd amddiffyn plant</translation>
    </message>
    <message>
        <source>Chair&apos;s reason</source>
        <translation>Rheswm y cadeirydd</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Newid</translation>
    </message>
    <message>
        <source>Changes to the register</source>
        <translation>Newidiadau i&apos;r gofrestr</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Plentyn</translation>
    </message>
    <message>
        <source>Child Protection Register change notice</source>
        <translation>Hysbysiad o newid i&apos;r Gofrestr Amddiffyn Plant</translation>
    </message>
    <message>
        <source>Child or young person</source>
        <translation>Plentyn neu berson ifanc</translation>
    </message>
    <message>
        <source>Children considered</source>
        <translation>Y plant a ystyriwyd</translation>
    </message>
    <message>
        <source>Co-ordinator</source>
        <translation>Cydgysylltydd</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>Pryderon</translation>
    </message>
    <message>
        <source>Conference details</source>
        <translation>Manylion y gynhadledd</translation>
    </message>
    <message>
        <source>Conference record</source>
        <translation>Cofnod y gynhadledd</translation>
    </message>
    <message>
        <source>Conference reference</source>
        <translation>Cyfeirnod y gynhadledd</translation>
    </message>
    <message>
        <source>Contingency plan</source>
        <translation>Cynllun wrth gefn</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copi</translation>
    </message>
    <message>
        <source>Core group</source>
        <translation>Grŵp craidd</translation>
    </message>
    <message>
        <source>DRAFT</source>
        <translation>DRAFFT</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dyddiad</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Dyddiad geni</translation>
    </message>
    <message>
        <source>Date of change</source>
        <translation>Dyddiad y newid</translation>
    </message>
    <message>
        <source>Dear %1,</source>
        <translation>Annwyl %1,</translation>
    </message>
    <message>
        <source>Dear parent or carer,</source>
        <translation>Annwyl riant neu ofalwr,</translation>
    </message>
    <message>
        <source>Quality of child protection conferences and the register</source>
        <extracomment>Welsh month names; dates are printed &quot;5 Mawrth 2026&quot; in Welsh documents.</extracomment>
        <translation>Ansawdd cynadleddau amddiffyn plant a&apos;r gofrestr</translation>
    </message>
    <message>
        <source>Quality report</source>
        <translation>Adroddiad ansawdd</translation>
    </message>
    <message>
        <source>A report for the safeguarding board</source>
        <translation>Adroddiad ar gyfer y bwrdd diogelu</translation>
    </message>
    <message>
        <source>Council</source>
        <translation>Cyngor</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Cyfnod</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 i %2</translation>
    </message>
    <message>
        <source>Whose conferences</source>
        <translation>Cynadleddau pwy</translation>
    </message>
    <message>
        <source>Every conference of the council</source>
        <translation>Pob un o gynadleddau&apos;r cyngor</translation>
    </message>
    <message>
        <source>The conferences of one chair</source>
        <translation>Cynadleddau un cadeirydd</translation>
    </message>
    <message>
        <source>Date produced</source>
        <translation>Dyddiad llunio</translation>
    </message>
    <message>
        <source>Small numbers are suppressed: a count from 1 to 4 is shown as “fewer than 5”, and no child is named.</source>
        <translation>Mae niferoedd bach wedi&apos;u cuddio: dangosir nifer o 1 i 4 fel “llai na 5”, ac ni enwir unrhyw blentyn.</translation>
    </message>
    <message>
        <source>Exact counts, not suppressed: for use within the council only. Do not send this report outside the council.</source>
        <translation>Niferoedd union, heb eu cuddio: i&apos;w defnyddio o fewn y cyngor yn unig. Peidiwch ag anfon yr adroddiad hwn y tu allan i&apos;r cyngor.</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Diffiniadau</translation>
    </message>
    <message>
        <source>Every figure is counted from the council&apos;s records by the same rules as the app&apos;s Today page: the timescales in working days in Wales.</source>
        <translation>Cyfrifir pob ffigur o gofnodion y cyngor yn ôl yr un rheolau â thudalen Heddiw yr ap: yr amserlenni mewn diwrnodau gwaith yng Nghymru.</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Ffigur</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nifer</translation>
    </message>
    <message>
        <source>Out of</source>
        <translation>Allan o</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Cyfran</translation>
    </message>
    <message>
        <source>Timescales met on time and late</source>
        <translation>Amserlenni a gyflawnwyd mewn pryd ac yn hwyr</translation>
    </message>
    <message>
        <source>How the child&apos;s voice was heard</source>
        <translation>Sut y clywyd llais y plentyn</translation>
    </message>
    <message>
        <source>Conferences attended, by agency</source>
        <translation>Cynadleddau a fynychwyd, fesul asiantaeth</translation>
    </message>
    <message>
        <source>Registrations and removals by month</source>
        <translation>Cofrestriadau a dileadau fesul mis</translation>
    </message>
    <message>
        <source>Children by number of co-ordinator changes</source>
        <translation>Plant yn ôl nifer y newidiadau cydlynydd</translation>
    </message>
    <message>
        <source>Children on the register by category</source>
        <translation>Plant ar y gofrestr fesul categori</translation>
    </message>
    <message>
        <source>Bars of suppressed counts (fewer than 5) are not drawn.</source>
        <translation>Ni lunnir barrau ar gyfer niferoedd cudd (llai na 5).</translation>
    </message>
    <message>
        <source>Debrief offered to the child</source>
        <translation>Cynigiwyd sesiwn ôl-drafod i&apos;r plentyn</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Penderfyniad</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Penderfyniad: %1</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Penderfyniadau</translation>
    </message>
    <message>
        <source>Deregister</source>
        <translation>Dadgofrestru</translation>
    </message>
    <message>
        <source>Did not attend</source>
        <translation>Heb ddod i&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Did not attend: the chair judged it not in the child&apos;s best interests</source>
        <translation>Ddim yn bresennol: barnodd y cadeirydd nad oedd hynny er lles pennaf y plentyn</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>Wedi marw</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>Trafodaeth</translation>
    </message>
    <message>
        <source>Discussion of the decision</source>
        <translation>Trafod y penderfyniad</translation>
    </message>
    <message>
        <source>Discussion of the outline plan</source>
        <translation>Trafod y cynllun amlinellol</translation>
    </message>
    <message>
        <source>Discussion of the reports</source>
        <translation>Trafod yr adroddiadau</translation>
    </message>
    <message>
        <source>Dissent</source>
        <translation>Anghytuno</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Dosbarthu</translation>
    </message>
    <message>
        <source>Do not register</source>
        <translation>Peidio â chofrestru</translation>
    </message>
    <message>
        <source>Draft: not yet approved by the chair</source>
        <translation>Drafft: nid yw&apos;r cadeirydd wedi&apos;i gymeradwyo eto</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Addysg</translation>
    </message>
    <message>
        <source>Emotional or psychological abuse</source>
        <translation>Cam-drin emosiynol neu seicolegol</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Saesneg</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Tystiolaeth</translation>
    </message>
    <message>
        <source>Evidence of change in the child&apos;s daily life</source>
        <translation>Tystiolaeth o newid ym mywyd pob dydd y plentyn</translation>
    </message>
    <message>
        <source>Excluded from part</source>
        <translation>Wedi&apos;i wahardd o ran o&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Excluded from part, including the decision</source>
        <translation>Wedi&apos;i wahardd o ran o&apos;r gynhadledd, gan gynnwys y penderfyniad</translation>
    </message>
    <message>
        <source>Excluded from the whole conference</source>
        <translation>Wedi&apos;i wahardd o&apos;r gynhadledd gyfan</translation>
    </message>
    <message>
        <source>Exclusions</source>
        <translation>Gwaharddiadau</translation>
    </message>
    <message>
        <source>Expected date of delivery: %1</source>
        <translation>Dyddiad disgwyliedig y geni: %1</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>Aelod o&apos;r teulu</translation>
    </message>
    <message>
        <source>Financial abuse</source>
        <translation>Cam-drin ariannol</translation>
    </message>
    <message>
        <source>First core group meeting</source>
        <translation>Cyfarfod cyntaf y grŵp craidd</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Ar gyfer</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Llawn</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Iechyd</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Tai</translation>
    </message>
    <message>
        <source>How the child took part</source>
        <translation>Sut y cymerodd y plentyn ran</translation>
    </message>
    <message>
        <source>How the conference met</source>
        <translation>Sut y cyfarfu&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>How the decision was reached</source>
        <translation>Sut y daethpwyd i&apos;r penderfyniad</translation>
    </message>
    <message>
        <source>How the plan keeps the child safe</source>
        <translation>Sut mae&apos;r cynllun yn cadw&apos;r plentyn yn ddiogel</translation>
    </message>
    <message>
        <source>How the record was taken</source>
        <translation>Sut y cymerwyd y cofnod</translation>
    </message>
    <message>
        <source>If something is wrong or you are unhappy</source>
        <translation>Os oes rhywbeth yn anghywir neu os ydych chi&apos;n anhapus</translation>
    </message>
    <message>
        <source>If you are unhappy with the decision or with how the conference was run, you can complain. Ask your social worker or the chair for the complaints leaflet.</source>
        <translation>Os ydych chi&apos;n anhapus â&apos;r penderfyniad neu â&apos;r ffordd y cafodd y gynhadledd ei chynnal, gallwch chi gwyno. Gofynnwch i&apos;ch gweithiwr cymdeithasol neu i&apos;r cadeirydd am y daflen gwynion.</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Wyneb yn wyneb</translation>
    </message>
    <message>
        <source>In person and remotely</source>
        <translation>Wyneb yn wyneb ac o bell</translation>
    </message>
    <message>
        <source>Information shared</source>
        <translation>Y wybodaeth a rannwyd</translation>
    </message>
    <message>
        <source>Information shared in the family&apos;s absence</source>
        <translation>Gwybodaeth a rannwyd yn absenoldeb y teulu</translation>
    </message>
    <message>
        <source>Initial child protection conference</source>
        <translation>Cynhadledd amddiffyn plant gychwynnol</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Cyfieithydd</translation>
    </message>
    <message>
        <source>Introductions and purpose of the conference</source>
        <translation>Cyflwyniadau a diben y gynhadledd</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <source>Language of the conference</source>
        <translation>Iaith y gynhadledd</translation>
    </message>
    <message>
        <source>Left the United Kingdom permanently</source>
        <translation>Wedi gadael y Deyrnas Unedig yn barhaol</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Llythyr</translation>
    </message>
    <message>
        <source>Letter about the conference decision</source>
        <translation>Llythyr am benderfyniad y gynhadledd</translation>
    </message>
    <message>
        <source>Lived experience</source>
        <translation>Profiad bywyd</translation>
    </message>
    <message>
        <source>Local authority</source>
        <translation>Awdurdod lleol</translation>
    </message>
    <message>
        <source>Local authority legal</source>
        <translation>Gwasanaethau cyfreithiol yr awdurdod lleol</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitro</translation>
    </message>
    <message>
        <source>Moved permanently to another local authority</source>
        <translation>Wedi symud yn barhaol i awdurdod lleol arall</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Neglect</source>
        <translation>Esgeulustod</translation>
    </message>
    <message>
        <source>Next review conference</source>
        <translation>Y gynhadledd adolygu nesaf</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Na</translation>
    </message>
    <message>
        <source>No actions recorded.</source>
        <translation>Dim camau gweithredu wedi&apos;u cofnodi.</translation>
    </message>
    <message>
        <source>No change to the register</source>
        <translation>Dim newid i&apos;r gofrestr</translation>
    </message>
    <message>
        <source>No consensus: the chair decided</source>
        <translation>Dim consensws: penderfynodd y cadeirydd</translation>
    </message>
    <message>
        <source>No decision recorded yet</source>
        <translation>Dim penderfyniad wedi&apos;i gofnodi eto</translation>
    </message>
    <message>
        <source>No outline plan is needed: the child is not on the register.</source>
        <translation>Nid oes angen cynllun amlinellol: nid yw&apos;r plentyn ar y gofrestr.</translation>
    </message>
    <message>
        <source>No practitioner recorded dissent.</source>
        <translation>Ni chofnododd unrhyw ymarferydd ei fod yn anghytuno.</translation>
    </message>
    <message>
        <source>No review conference is needed: no child is on the register.</source>
        <translation>Nid oes angen cynhadledd adolygu: nid oes unrhyw blentyn ar y gofrestr.</translation>
    </message>
    <message>
        <source>No written reports were received.</source>
        <translation>Ni ddaeth unrhyw adroddiadau ysgrifenedig i law.</translation>
    </message>
    <message>
        <source>Nobody sent apologies or was absent.</source>
        <translation>Ni anfonodd neb ymddiheuriadau ac nid oedd neb yn absennol.</translation>
    </message>
    <message>
        <source>Nobody was excluded.</source>
        <translation>Ni chafodd neb ei wahardd.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Dim</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Heb ei gofnodi</translation>
    </message>
    <message>
        <source>Not registered (decision 1)</source>
        <translation>Heb ei gofrestru (penderfyniad 1)</translation>
    </message>
    <message>
        <source>Not yet offered</source>
        <translation>Heb ei gynnig eto</translation>
    </message>
    <message>
        <source>Notes on attendance and apologies</source>
        <extracomment>Titles of the minutes sections, by section key; an unknown key is shown as &quot;Discussion&quot;.</extracomment>
        <translation>Nodiadau ar bresenoldeb ac ymddiheuriadau</translation>
    </message>
    <message>
        <source>Notes on the next review</source>
        <translation>Nodiadau ar yr adolygiad nesaf</translation>
    </message>
    <message>
        <source>Notes on the reports received</source>
        <translation>Nodiadau ar yr adroddiadau a ddaeth i law</translation>
    </message>
    <message>
        <source>OFFICIAL-SENSITIVE</source>
        <translation>SWYDDOGOL-SENSITIF</translation>
    </message>
    <message>
        <source>Offer of an advocate</source>
        <translation>Cynnig eiriolwr</translation>
    </message>
    <message>
        <source>Offered and accepted</source>
        <translation>Cynigiwyd a derbyniwyd</translation>
    </message>
    <message>
        <source>Offered and declined</source>
        <translation>Cynigiwyd a gwrthodwyd</translation>
    </message>
    <message>
        <source>On %1 a child protection conference met to talk about %2. This letter tells you what was decided and what will happen next.</source>
        <translation>Ar %1, cyfarfu cynhadledd amddiffyn plant i siarad am %2. Mae&apos;r llythyr hwn yn dweud wrthych beth a benderfynwyd a beth fydd yn digwydd nesaf.</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Arall</translation>
    </message>
    <message>
        <source>Other matters</source>
        <translation>Materion eraill</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Canlyniadau</translation>
    </message>
    <message>
        <source>Outline plan</source>
        <translation>Cynllun amlinellol</translation>
    </message>
    <message>
        <source>Outline plan: %1</source>
        <translation>Cynllun amlinellol: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Tudalen %1 o %2</translation>
    </message>
    <message>
        <source>Part of this record has been withheld from this copy because it covers part of the conference you were not present for.</source>
        <translation>Mae rhan o&apos;r cofnod hwn wedi&apos;i hatal o&apos;r copi hwn oherwydd ei bod yn ymdrin â rhan o&apos;r gynhadledd nad oeddech yn bresennol ynddi.</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Rhannol</translation>
    </message>
    <message>
        <source>Partial copy</source>
        <translation>Copi rhannol</translation>
    </message>
    <message>
        <source>Physical abuse</source>
        <translation>Cam-drin corfforol</translation>
    </message>
    <message>
        <source>Please contact children&apos;s services with any questions about %1&apos;s plan.</source>
        <translation>Cysylltwch â&apos;r gwasanaethau plant os oes gennych chi unrhyw gwestiynau am gynllun %1.</translation>
    </message>
    <message>
        <source>Please update your agency&apos;s records. The following changes to the Child Protection Register follow from the conference held on %1.</source>
        <translation>Diweddarwch gofnodion eich asiantaeth, os gwelwch yn dda. Mae&apos;r newidiadau canlynol i&apos;r Gofrestr Amddiffyn Plant yn deillio o&apos;r gynhadledd a gynhaliwyd ar %1.</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Yr heddlu</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Ymarferydd</translation>
    </message>
    <message>
        <source>Practitioners&apos; views</source>
        <translation>Barn yr ymarferwyr</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Yn bresennol</translation>
    </message>
    <message>
        <source>Present remotely</source>
        <translation>Yn bresennol o bell</translation>
    </message>
    <message>
        <source>Previous categories</source>
        <translation>Categorïau blaenorol</translation>
    </message>
    <message>
        <source>Probation / youth justice</source>
        <translation>Y gwasanaeth prawf / cyfiawnder ieuenctid</translation>
    </message>
    <message>
        <source>Purpose of the conference</source>
        <translation>Diben y gynhadledd</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Rhesymeg</translation>
    </message>
    <message>
        <source>Reached 18</source>
        <translation>Wedi cyrraedd 18 oed</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Rheswm</translation>
    </message>
    <message>
        <source>Reason for proceeding with two agencies</source>
        <translation>Rheswm dros fwrw ymlaen â dwy asiantaeth</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Daeth i law</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Derbynnydd</translation>
    </message>
    <message>
        <source>Record of the child protection conference</source>
        <translation>Cofnod y gynhadledd amddiffyn plant</translation>
    </message>
    <message>
        <source>Record taken by</source>
        <translation>Cofnodwyd gan</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Cofrestru</translation>
    </message>
    <message>
        <source>Register change notice</source>
        <translation>Hysbysiad o newid i&apos;r gofrestr</translation>
    </message>
    <message>
        <source>Registered (decision 2)</source>
        <translation>Wedi&apos;i gofrestru (penderfyniad 2)</translation>
    </message>
    <message>
        <source>Remains registered under the same categories</source>
        <translation>Yn aros ar y gofrestr o dan yr un categorïau</translation>
    </message>
    <message>
        <source>Remains registered; categories changed</source>
        <translation>Yn aros ar y gofrestr; categorïau wedi newid</translation>
    </message>
    <message>
        <source>Remotely</source>
        <translation>O bell</translation>
    </message>
    <message>
        <source>Removed from the register</source>
        <translation>Wedi&apos;i dynnu oddi ar y gofrestr</translation>
    </message>
    <message>
        <source>Reports received</source>
        <translation>Adroddiadau a ddaeth i law</translation>
    </message>
    <message>
        <source>Review child protection conference</source>
        <translation>Cynhadledd adolygu amddiffyn plant</translation>
    </message>
    <message>
        <source>Risks and strengths</source>
        <translation>Risgiau a chryfderau</translation>
    </message>
    <message>
        <source>Risks of harm</source>
        <translation>Risgiau o niwed</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Anfonwyd</translation>
    </message>
    <message>
        <source>Sent a written or other contribution</source>
        <translation>Anfonodd gyfraniad ysgrifenedig neu gyfraniad arall</translation>
    </message>
    <message>
        <source>Sexual abuse</source>
        <translation>Cam-drin rhywiol</translation>
    </message>
    <message>
        <source>Shared with parents</source>
        <translation>Rhannwyd â&apos;r rhieni</translation>
    </message>
    <message>
        <source>Social services</source>
        <translation>Gwasanaethau cymdeithasol</translation>
    </message>
    <message>
        <source>Social worker&apos;s follow-up</source>
        <translation>Camau dilynol y gweithiwr cymdeithasol</translation>
    </message>
    <message>
        <source>Stay registered</source>
        <translation>Aros ar y gofrestr</translation>
    </message>
    <message>
        <source>Strengths and protective factors</source>
        <translation>Cryfderau a ffactorau amddiffynnol</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <source>Summary of decisions</source>
        <translation>Crynodeb o&apos;r penderfyniadau</translation>
    </message>
    <message>
        <source>Summary of decisions and outline plan</source>
        <translation>Crynodeb o&apos;r penderfyniadau a&apos;r cynllun amlinellol</translation>
    </message>
    <message>
        <source>Support and safety plan</source>
        <translation>Cynllun cymorth a diogelwch</translation>
    </message>
    <message>
        <source>Support and therapy</source>
        <translation>Cymorth a therapi</translation>
    </message>
    <message>
        <source>Support present</source>
        <translation>Cymorth yn bresennol</translation>
    </message>
    <message>
        <source>The child&apos;s views</source>
        <translation>Barn y plentyn</translation>
    </message>
    <message>
        <source>The child&apos;s voice</source>
        <translation>Llais y plentyn</translation>
    </message>
    <message>
        <source>The child&apos;s wishes and the parents&apos; views</source>
        <translation>Dymuniadau&apos;r plentyn a barn y rhieni</translation>
    </message>
    <message>
        <source>The conference has not yet made a final decision about %1. We will write to you again.</source>
        <translation>Nid yw&apos;r gynhadledd wedi gwneud penderfyniad terfynol am %1 eto. Byddwn yn ysgrifennu atoch eto.</translation>
    </message>
    <message>
        <source>The family&apos;s views</source>
        <translation>Barn y teulu</translation>
    </message>
    <message>
        <source>The first core group meeting will be by %1.</source>
        <translation>Bydd cyfarfod cyntaf y grŵp craidd yn cael ei gynnal erbyn %1.</translation>
    </message>
    <message>
        <source>The next review conference will be held by %1.</source>
        <translation>Cynhelir y gynhadledd adolygu nesaf erbyn %1.</translation>
    </message>
    <message>
        <source>The people at the conference agreed that %1 needs a plan to keep them safe. %1&apos;s name has been added to the Child Protection Register.</source>
        <translation>Cytunodd y bobl yn y gynhadledd fod angen cynllun i gadw %1 yn ddiogel. Mae enw %1 wedi&apos;i ychwanegu at y Gofrestr Amddiffyn Plant.</translation>
    </message>
    <message>
        <source>The people at the conference decided that %1&apos;s name does not need to go on the Child Protection Register.</source>
        <translation>Penderfynodd y bobl yn y gynhadledd nad oes angen rhoi enw %1 ar y Gofrestr Amddiffyn Plant.</translation>
    </message>
    <message>
        <source>The people at the conference decided that %1&apos;s name will come off the Child Protection Register, because things have got better.</source>
        <translation>Penderfynodd y bobl yn y gynhadledd y bydd enw %1 yn dod oddi ar y Gofrestr Amddiffyn Plant, oherwydd bod pethau wedi gwella.</translation>
    </message>
    <message>
        <source>The people at the conference decided that %1&apos;s name will stay on the Child Protection Register, but the kind of worry has changed.</source>
        <translation>Penderfynodd y bobl yn y gynhadledd y bydd enw %1 yn aros ar y Gofrestr Amddiffyn Plant, ond mae&apos;r math o bryder wedi newid.</translation>
    </message>
    <message>
        <source>The people at the conference decided that %1&apos;s name will stay on the Child Protection Register.</source>
        <translation>Penderfynodd y bobl yn y gynhadledd y bydd enw %1 yn aros ar y Gofrestr Amddiffyn Plant.</translation>
    </message>
    <message>
        <source>The support that has been agreed: %1</source>
        <translation>Y cymorth y cytunwyd arno: %1</translation>
    </message>
    <message>
        <source>The worries are about: %1.</source>
        <translation>Mae&apos;r pryderon yn ymwneud â: %1.</translation>
    </message>
    <message>
        <source>There will be another conference, a review, by %1.</source>
        <translation>Bydd cynhadledd arall, sef cynhadledd adolygu, yn cael ei chynnal erbyn %1.</translation>
    </message>
    <message>
        <source>Third-party information</source>
        <translation>Gwybodaeth trydydd parti</translation>
    </message>
    <message>
        <source>This document is confidential. Do not pass it to anyone else without the consent of the conference chair.</source>
        <translation>Mae&apos;r ddogfen hon yn gyfrinachol. Peidiwch â&apos;i throsglwyddo i unrhyw un arall heb gydsyniad cadeirydd y gynhadledd.</translation>
    </message>
    <message>
        <source>This summary records the decision about each child and the outline plan. The full record will follow.</source>
        <translation>Mae&apos;r crynodeb hwn yn cofnodi&apos;r penderfyniad am bob plentyn a&apos;r cynllun amlinellol. Bydd y cofnod llawn yn dilyn.</translation>
    </message>
    <message>
        <source>To be arranged</source>
        <translation>I&apos;w drefnu</translation>
    </message>
    <message>
        <source>Transfer-in conference</source>
        <translation>Cynhadledd trosglwyddo i mewn</translation>
    </message>
    <message>
        <source>Type of conference</source>
        <translation>Math o gynhadledd</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lleoliad</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Fersiwn %1</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Barn</translation>
    </message>
    <message>
        <source>Views given through the social worker</source>
        <translation>Rhoddwyd ei farn drwy&apos;r gweithiwr cymdeithasol</translation>
    </message>
    <message>
        <source>Voluntary sector</source>
        <translation>Y sector gwirfoddol</translation>
    </message>
    <message>
        <source>Welsh</source>
        <translation>Cymraeg</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Beth fydd yn digwydd nesaf</translation>
    </message>
    <message>
        <source>What was decided</source>
        <translation>Beth a benderfynwyd</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Pwy</translation>
    </message>
    <message>
        <source>Who to contact</source>
        <translation>Pwy i gysylltu â nhw</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pam</translation>
    </message>
    <message>
        <source>Why an advocate has not yet been offered</source>
        <translation>Pam nad yw eiriolwr wedi&apos;i gynnig eto</translation>
    </message>
    <message>
        <source>Why the child&apos;s voice could not be recorded</source>
        <translation>Pam nad oedd modd cofnodi llais y plentyn</translation>
    </message>
    <message>
        <source>Wishes and feelings</source>
        <translation>Dymuniadau a theimladau</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ie</translation>
    </message>
    <message>
        <source>You can have this letter, and the record of the conference, in Welsh or in English.</source>
        <translation>Gallwch chi gael y llythyr hwn, a chofnod y gynhadledd, yn Gymraeg neu yn Saesneg.</translation>
    </message>
    <message>
        <source>You will also receive the record of the conference. If you think something in it is wrong, please write to the chair within 10 working days of receiving it.</source>
        <translation>Byddwch chi hefyd yn cael cofnod y gynhadledd. Os ydych chi&apos;n meddwl bod rhywbeth ynddo&apos;n anghywir, ysgrifennwch at y cadeirydd cyn pen 10 diwrnod gwaith ar ôl ei gael.</translation>
    </message>
    <message>
        <source>Your social worker will talk with you about the help and support that is planned.</source>
        <translation>Bydd eich gweithiwr cymdeithasol yn siarad â chi am yr help a&apos;r cymorth sydd wedi&apos;u cynllunio.</translation>
    </message>
    <message>
        <source>Yours sincerely,</source>
        <translation>Yn gywir,</translation>
    </message>
    <message>
        <source>[A part of the record has been withheld from this copy.]</source>
        <translation>[Mae rhan o&apos;r cofnod wedi&apos;i hatal o&apos;r copi hwn.]</translation>
    </message>
    <message>
        <source>advocate</source>
        <translation>eiriolwr</translation>
    </message>
    <message>
        <source>emotional harm</source>
        <translation>niwed emosiynol</translation>
    </message>
    <message>
        <source>interpreter</source>
        <translation>cyfieithydd</translation>
    </message>
    <message>
        <source>money or belongings being taken or misused</source>
        <translation>arian neu eiddo yn cael eu cymryd neu eu camddefnyddio</translation>
    </message>
    <message>
        <source>neglect</source>
        <translation>esgeulustod</translation>
    </message>
    <message>
        <source>physical harm</source>
        <extracomment>Plain words for the family letter.</extracomment>
        <translation>niwed corfforol</translation>
    </message>
    <message>
        <source>sexual harm</source>
        <translation>niwed rhywiol</translation>
    </message>
    <message>
        <source>supporter</source>
        <translation>cefnogwr</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>%1 (partial copy)</source>
        <translation>%1 (copi rhannol)</translation>
    </message>
    <message>
        <source>&amp;Document:</source>
        <translation>&amp;Dogfen:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Iaith:</translation>
    </message>
    <message>
        <source>&amp;Produce</source>
        <translation>&amp;Cynhyrchu</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>De&amp;rbynnydd:</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Cadw &amp;fel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Conference documents</source>
        <translation>Dogfennau&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Conference record</source>
        <translation>Cofnod y gynhadledd</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dogfen</translation>
    </message>
    <message>
        <source>Document preview</source>
        <translation>Rhagolwg o&apos;r ddogfen</translation>
    </message>
    <message>
        <source>Documents can be produced in Welsh or English only.</source>
        <translation>Dim ond yn Gymraeg neu yn Saesneg y gellir cynhyrchu dogfennau.</translation>
    </message>
    <message>
        <source>English (Saesneg)</source>
        <translation>Saesneg (English)</translation>
    </message>
    <message>
        <source>Full copy, no addressee</source>
        <translation>Copi llawn, heb dderbynnydd penodol</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <source>Letter to the family</source>
        <translation>Llythyr at y teulu</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Argraffu…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Ffeiliau PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print the document</source>
        <translation>Argraffu&apos;r ddogfen</translation>
    </message>
    <message>
        <source>Produce the document</source>
        <translation>Cynhyrchu&apos;r ddogfen</translation>
    </message>
    <message>
        <source>Produced: %1 pages, %2. Logged in the distribution record.</source>
        <translation>Wedi&apos;i chynhyrchu: %1 tudalen, %2. Wedi&apos;i chofnodi yn y cofnod dosbarthu.</translation>
    </message>
    <message>
        <source>Producing the document…</source>
        <translation>Wrthi&apos;n cynhyrchu&apos;r ddogfen…</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Derbynnydd</translation>
    </message>
    <message>
        <source>Register change notice</source>
        <translation>Hysbysiad o newid i&apos;r gofrestr</translation>
    </message>
    <message>
        <source>Save the document</source>
        <translation>Cadw&apos;r ddogfen</translation>
    </message>
    <message>
        <source>Save the document as a PDF file</source>
        <translation>Cadw&apos;r ddogfen fel ffeil PDF</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Wedi&apos;i chadw yn %1</translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer.</source>
        <translation>Anfonwyd %1 tudalen i&apos;r argraffydd.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Summary of decisions and outline plan</source>
        <translation>Crynodeb o&apos;r penderfyniadau a&apos;r cynllun amlinellol</translation>
    </message>
    <message>
        <source>The choice has changed: press Produce for the new document.</source>
        <translation>Mae&apos;r dewis wedi newid: pwyswch Cynhyrchu i gael y ddogfen newydd.</translation>
    </message>
    <message>
        <source>The document could not be produced. The details are in the log.</source>
        <translation>Nid oedd modd cynhyrchu&apos;r ddogfen. Mae&apos;r manylion yn y log.</translation>
    </message>
    <message>
        <source>The file could not be saved. Check the folder and the free space.</source>
        <translation>Nid oedd modd cadw&apos;r ffeil. Gwiriwch y ffolder a&apos;r lle gwag ar y ddisg.</translation>
    </message>
    <message>
        <source>The fonts for documents are missing; please reinstall Cofnod.</source>
        <translation>Mae&apos;r ffontiau ar gyfer dogfennau ar goll; ailosodwch Cofnod.</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Nid oedd modd cychwyn yr argraffydd.</translation>
    </message>
    <message>
        <source>The produced document, page by page</source>
        <translation>Y ddogfen a gynhyrchwyd, fesul tudalen</translation>
    </message>
    <message>
        <source>The recipient&apos;s language</source>
        <translation>Iaith y derbynnydd</translation>
    </message>
    <message>
        <source>This conference could not be found.</source>
        <translation>Nid oedd modd dod o hyd i&apos;r gynhadledd hon.</translation>
    </message>
    <message>
        <source>This kind of document cannot be produced.</source>
        <translation>Nid oes modd cynhyrchu&apos;r math hwn o ddogfen.</translation>
    </message>
    <message>
        <source>This recipient is no longer on the conference&apos;s list.</source>
        <translation>Nid yw&apos;r derbynnydd hwn ar restr y gynhadledd bellach.</translation>
    </message>
    <message>
        <source>Welsh (Cymraeg)</source>
        <translation>Cymraeg</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Wrthi&apos;n gweithio</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>wedi&apos;i chymeradwyo</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>drafft</translation>
    </message>
</context>
</TS>
