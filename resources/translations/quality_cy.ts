<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
<context>
    <name>Quality</name>
    <message>
        <source>fewer than 5</source>
        <extracomment>Shown instead of a suppressed count (1 to 4) in anything that leaves the council.</extracomment>
        <translation>llai na 5</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>Amseroldeb</translation>
    </message>
    <message>
        <source>The child&apos;s voice and language</source>
        <translation>Llais y plentyn ac iaith</translation>
    </message>
    <message>
        <source>Multi-agency working</source>
        <translation>Gweithio amlasiantaethol</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Penderfyniadau</translation>
    </message>
    <message>
        <source>Continuity</source>
        <translation>Parhad</translation>
    </message>
    <message>
        <source>The register now</source>
        <translation>Y gofrestr nawr</translation>
    </message>
    <message>
        <source>On time and late count the deadlines met in the period, late by working days after the due date; still open and overdue counts the deadlines due in the period and not met by its end. Working days leave out weekends, bank holidays in Wales and the council&apos;s closure days.</source>
        <extracomment>What each group counts, for the page and the board report.</extracomment>
        <translation>llai na 5</translation>
    </message>
    <message>
        <source>Out of the decisions made at conferences held in the period; the Welsh figures are out of those conferences.</source>
        <translation>Allan o&apos;r penderfyniadau a wnaed mewn cynadleddau a gynhaliwyd yn y cyfnod; mae&apos;r ffigurau Cymraeg allan o&apos;r cynadleddau hynny.</translation>
    </message>
    <message>
        <source>Attendance is out of the conferences held in the period; quorate, postponed and inquorate are out of every sitting in the period, postponed and inquorate ones included.</source>
        <translation>Mae presenoldeb allan o&apos;r cynadleddau a gynhaliwyd yn y cyfnod; mae cworwm, wedi&apos;i gohirio a heb gworwm allan o bob eisteddiad yn y cyfnod, gan gynnwys y rhai a ohiriwyd a&apos;r rhai heb gworwm.</translation>
    </message>
    <message>
        <source>Registrations and removals begun or ended in the period; a registration again within 12 months of a removal is the national indicator of removals made too early.</source>
        <translation>Cofrestriadau a thynnu oddi ar y gofrestr a ddechreuodd neu a ddaeth i ben yn y cyfnod; cofrestru eto o fewn 12 mis i&apos;w dynnu oddi ar y gofrestr yw&apos;r dangosydd cenedlaethol o dynnu oddi ar y gofrestr yn rhy gynnar.</translation>
    </message>
    <message>
        <source>Changes of co-ordinator after the first, for children on the register at any time in the period.</source>
        <translation>Newidiadau cydlynydd ar ôl y cyntaf, ar gyfer plant a oedd ar y gofrestr ar unrhyw adeg yn y cyfnod.</translation>
    </message>
    <message>
        <source>At the end of the period, or today if the period has not ended; temporary registrations apart.</source>
        <translation>Ar ddiwedd y cyfnod, neu heddiw os nad yw&apos;r cyfnod wedi dod i ben; ar wahân i gofrestriadau dros dro.</translation>
    </message>
    <message>
        <source>Initial conference within 15 working days of the strategy discussion</source>
        <translation>Cynhadledd gychwynnol o fewn 15 diwrnod gwaith i&apos;r drafodaeth strategaeth</translation>
    </message>
    <message>
        <source>Transfer-in conference within 15 working days</source>
        <translation>Cynhadledd trosglwyddo i mewn o fewn 15 diwrnod gwaith</translation>
    </message>
    <message>
        <source>First review within 3 months</source>
        <translation>Adolygiad cyntaf o fewn 3 mis</translation>
    </message>
    <message>
        <source>Later review within 6 months</source>
        <translation>Adolygiad diweddarach o fewn 6 mis</translation>
    </message>
    <message>
        <source>Summary and outline plan within 5 working days</source>
        <translation>Crynodeb a chynllun amlinellol o fewn 5 diwrnod gwaith</translation>
    </message>
    <message>
        <source>Full record within 20 working days</source>
        <translation>Cofnod llawn o fewn 20 diwrnod gwaith</translation>
    </message>
    <message>
        <source>First core group within 10 working days</source>
        <translation>Grŵp craidd cyntaf o fewn 10 diwrnod gwaith</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>mewn pryd</translation>
    </message>
    <message>
        <source>late</source>
        <translation>yn hwyr</translation>
    </message>
    <message>
        <source>still open and overdue</source>
        <translation>yn dal ar agor ac yn hwyr</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>&quot;%1: %2&quot; joins a rule and its state.</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Decisions with the child&apos;s voice recorded</source>
        <translation>Penderfyniadau â llais y plentyn wedi&apos;i gofnodi</translation>
    </message>
    <message>
        <source>How the child&apos;s voice was heard</source>
        <translation>Sut y clywyd llais y plentyn</translation>
    </message>
    <message>
        <source>Advocacy offered</source>
        <translation>Eiriolaeth wedi&apos;i chynnig</translation>
    </message>
    <message>
        <source>Advocacy taken up</source>
        <translation>Eiriolaeth wedi&apos;i derbyn</translation>
    </message>
    <message>
        <source>Welsh Active Offer made</source>
        <translation>Cynnig Rhagweithiol y Gymraeg wedi&apos;i wneud</translation>
    </message>
    <message>
        <source>Conferences held in Welsh</source>
        <translation>Cynadleddau a gynhaliwyd yn Gymraeg</translation>
    </message>
    <message>
        <source>Conferences attended by the agency</source>
        <translation>Cynadleddau a fynychwyd gan yr asiantaeth</translation>
    </message>
    <message>
        <source>Quorate at the first date</source>
        <translation>Cworwm ar y dyddiad cyntaf</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Wedi&apos;i gohirio</translation>
    </message>
    <message>
        <source>Inquorate</source>
        <translation>Heb gworwm</translation>
    </message>
    <message>
        <source>Report sent by an agency that did not attend</source>
        <translation>Adroddiad gan asiantaeth nad oedd yn bresennol</translation>
    </message>
    <message>
        <source>Chair&apos;s exceptional two-agency decision</source>
        <translation>Penderfyniad eithriadol y cadeirydd gyda dwy asiantaeth</translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation>Cofrestriadau</translation>
    </message>
    <message>
        <source>Removals from the register</source>
        <translation>Tynnu oddi ar y gofrestr</translation>
    </message>
    <message>
        <source>Removals by reason</source>
        <translation>Tynnu oddi ar y gofrestr yn ôl rheswm</translation>
    </message>
    <message>
        <source>Registrations by month</source>
        <translation>Cofrestriadau fesul mis</translation>
    </message>
    <message>
        <source>Removals by month</source>
        <translation>Tynnu oddi ar y gofrestr fesul mis</translation>
    </message>
    <message>
        <source>Decisions by consensus</source>
        <translation>Penderfyniadau drwy gonsensws</translation>
    </message>
    <message>
        <source>Decisions made by the chair</source>
        <translation>Penderfyniadau a wnaed gan y cadeirydd</translation>
    </message>
    <message>
        <source>Decisions with dissent recorded</source>
        <translation>Penderfyniadau ag anghytundeb wedi&apos;i gofnodi</translation>
    </message>
    <message>
        <source>Removed at the first review</source>
        <translation>Tynnu oddi ar y gofrestr yn yr adolygiad cyntaf</translation>
    </message>
    <message>
        <source>Registered again within 12 months of a removal</source>
        <translation>Cofrestru eto o fewn 12 mis i&apos;w dynnu oddi ar y gofrestr</translation>
    </message>
    <message>
        <source>On the register for over 12 months</source>
        <translation>Ar y gofrestr am fwy na 12 mis</translation>
    </message>
    <message>
        <source>On the register for over 24 months</source>
        <translation>Ar y gofrestr am fwy na 24 mis</translation>
    </message>
    <message>
        <source>Co-ordinator changes per child: median</source>
        <translation>Newidiadau cydlynydd fesul plentyn: canolrif</translation>
    </message>
    <message>
        <source>Co-ordinator changes per child: maximum</source>
        <translation>Newidiadau cydlynydd fesul plentyn: uchafswm</translation>
    </message>
    <message>
        <source>Children by number of co-ordinator changes</source>
        <translation>Plant yn ôl nifer y newidiadau cydlynydd</translation>
    </message>
    <message>
        <source>Children with three or more co-ordinator changes in 12 months</source>
        <translation>Plant â thri newid cydlynydd neu fwy mewn 12 mis</translation>
    </message>
    <message>
        <source>Children on the register</source>
        <translation>Plant ar y gofrestr</translation>
    </message>
    <message>
        <source>Children on the register by age</source>
        <translation>Plant ar y gofrestr yn ôl oed</translation>
    </message>
    <message>
        <source>18th birthdays in the next 90 days</source>
        <translation>Penblwyddi 18 oed yn ystod y 90 diwrnod nesaf</translation>
    </message>
    <message>
        <source>Temporary registrations</source>
        <translation>Cofrestriadau dros dro</translation>
    </message>
    <message>
        <source>Transfers in</source>
        <translation>Trosglwyddiadau i mewn</translation>
    </message>
    <message>
        <source>Transfers out</source>
        <translation>Trosglwyddiadau allan</translation>
    </message>
    <message>
        <source>Social services</source>
        <translation>Gwasanaethau cymdeithasol</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Yr heddlu</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Iechyd</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Addysg</translation>
    </message>
    <message>
        <source>Other agencies</source>
        <translation>Asiantaethau eraill</translation>
    </message>
    <message>
        <source>Physical abuse</source>
        <translation>Cam-drin corfforol</translation>
    </message>
    <message>
        <source>Emotional abuse</source>
        <translation>Cam-drin emosiynol</translation>
    </message>
    <message>
        <source>Sexual abuse</source>
        <translation>Cam-drin rhywiol</translation>
    </message>
    <message>
        <source>Neglect</source>
        <translation>Esgeulustod</translation>
    </message>
    <message>
        <source>Financial abuse</source>
        <translation>Cam-drin ariannol</translation>
    </message>
    <message>
        <source>Directly: attended all of it</source>
        <translation>Yn uniongyrchol: yn bresennol drwy&apos;r cyfan</translation>
    </message>
    <message>
        <source>Directly: attended part</source>
        <translation>Yn uniongyrchol: yn bresennol am ran</translation>
    </message>
    <message>
        <source>Through an advocate</source>
        <translation>Drwy eiriolwr</translation>
    </message>
    <message>
        <source>Written or prepared contribution</source>
        <translation>Cyfraniad ysgrifenedig neu wedi&apos;i baratoi</translation>
    </message>
    <message>
        <source>Through a representative (social worker)</source>
        <translation>Drwy gynrychiolydd (gweithiwr cymdeithasol)</translation>
    </message>
    <message>
        <source>Not attending (the chair&apos;s decision)</source>
        <translation>Ddim yn bresennol (penderfyniad y cadeirydd)</translation>
    </message>
    <message>
        <source>Not possible, with the reason recorded</source>
        <translation>Ddim yn bosibl, gyda&apos;r rheswm wedi&apos;i gofnodi</translation>
    </message>
    <message>
        <source>No continuing risk (review)</source>
        <translation>Dim risg barhaus (adolygiad)</translation>
    </message>
    <message>
        <source>Moved permanently to another council</source>
        <translation>Wedi symud yn barhaol i gyngor arall</translation>
    </message>
    <message>
        <source>Reached 18</source>
        <translation>Wedi cyrraedd 18 oed</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>Wedi marw</translation>
    </message>
    <message>
        <source>Left the UK</source>
        <translation>Wedi gadael y DU</translation>
    </message>
    <message>
        <source>Unborn</source>
        <translation>Heb ei eni</translation>
    </message>
    <message>
        <source>Under 1</source>
        <translation>Dan 1</translation>
    </message>
    <message>
        <source>1 to 4</source>
        <translation>1 i 4</translation>
    </message>
    <message>
        <source>5 to 9</source>
        <translation>5 i 9</translation>
    </message>
    <message>
        <source>10 to 15</source>
        <translation>10 i 15</translation>
    </message>
    <message>
        <source>16 to 17</source>
        <translation>16 i 17</translation>
    </message>
    <message>
        <source>Age not known</source>
        <translation>Oed ddim yn hysbys</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>Dim newid</translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 newid</translation>
    </message>
    <message>
        <source>2 changes</source>
        <translation>2 newid</translation>
    </message>
    <message>
        <source>3 or more changes</source>
        <translation>3 newid neu fwy</translation>
    </message>
    <message>
        <source>code</source>
        <extracomment>The CSV&apos;s column headings, in order.</extracomment>
        <translation>cod</translation>
    </message>
    <message>
        <source>breakdown</source>
        <translation>dadansoddiad</translation>
    </message>
    <message>
        <source>measure</source>
        <translation>mesur</translation>
    </message>
    <message>
        <source>slice</source>
        <translation>rhan</translation>
    </message>
    <message>
        <source>count</source>
        <translation>nifer</translation>
    </message>
    <message>
        <source>out of</source>
        <translation>allan o</translation>
    </message>
    <message>
        <source>value</source>
        <translation>gwerth</translation>
    </message>
</context>
</TS>
