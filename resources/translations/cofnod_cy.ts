<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Cadw</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <source>&amp;Next section</source>
        <translation>Adran &amp;nesaf</translation>
    </message>
    <message>
        <source>Go to the next section</source>
        <translation>Mynd i&apos;r adran nesaf</translation>
    </message>
    <message>
        <source>&amp;Previous section</source>
        <translation>Adran &amp;flaenorol</translation>
    </message>
    <message>
        <source>Go to the previous section</source>
        <translation>Mynd i&apos;r adran flaenorol</translation>
    </message>
    <message>
        <source>&amp;Finalise decision…</source>
        <translation>C&amp;wblhau&apos;r penderfyniad…</translation>
    </message>
    <message>
        <source>Finalise this child&apos;s decision</source>
        <translation>Cwblhau penderfyniad y plentyn hwn</translation>
    </message>
    <message>
        <source>&amp;Approve record…</source>
        <translation>Cy&amp;meradwyo&apos;r cofnod…</translation>
    </message>
    <message>
        <source>Approve the conference record</source>
        <translation>Cymeradwyo cofnod y gynhadledd</translation>
    </message>
    <message>
        <source>New &amp;conference…</source>
        <translation>Cynhadledd n&amp;ewydd…</translation>
    </message>
    <message>
        <source>Schedule a new conference</source>
        <translation>Trefnu cynhadledd newydd</translation>
    </message>
    <message>
        <source>&amp;Documents…</source>
        <translation>&amp;Dogfennau…</translation>
    </message>
    <message>
        <source>Produce the conference documents</source>
        <translation>Cynhyrchu dogfennau&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>C&amp;loi</translation>
    </message>
    <message>
        <source>Lock Cofnod now</source>
        <translation>Cloi Cofnod nawr</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>Chwil&amp;io</translation>
    </message>
    <message>
        <source>Search the list</source>
        <translation>Chwilio&apos;r rhestr</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heddiw</translation>
    </message>
    <message>
        <source>Go to Today</source>
        <translation>Agor Heddiw</translation>
    </message>
    <message>
        <source>C&amp;onferences</source>
        <translation>Cyn&amp;adleddau</translation>
    </message>
    <message>
        <source>Go to Conferences</source>
        <translation>Agor Cynadleddau</translation>
    </message>
    <message>
        <source>C&amp;hildren</source>
        <translation>&amp;Plant</translation>
    </message>
    <message>
        <source>Go to Children and the register</source>
        <translation>Agor Plant a&apos;r gofrestr</translation>
    </message>
    <message>
        <source>S&amp;ettings</source>
        <translation>&amp;Gosodiadau</translation>
    </message>
    <message>
        <source>Go to Settings</source>
        <translation>Agor Gosodiadau</translation>
    </message>
    <message>
        <source>Q&amp;uality</source>
        <translation>&amp;Ansawdd</translation>
    </message>
    <message>
        <source>Go to Quality</source>
        <translation>Mynd i Ansawdd</translation>
    </message>
    <message>
        <source>C&amp;lose conference</source>
        <translation>Ca&amp;u&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Close the open conference</source>
        <translation>Cau&apos;r gynhadledd sydd ar agor</translation>
    </message>
    <message>
        <source>Sign &amp;in to the register…</source>
        <translation>&amp;Mewngofnodi i&apos;r gofrestr…</translation>
    </message>
    <message>
        <source>Sign in to the register to sync</source>
        <translation>Mewngofnodi i&apos;r gofrestr i gysoni</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>&amp;Cysoni nawr</translation>
    </message>
    <message>
        <source>Sync with the register now</source>
        <translation>Cysoni â&apos;r gofrestr nawr</translation>
    </message>
    <message>
        <source>Needs &amp;attention</source>
        <translation>Angen &amp;sylw</translation>
    </message>
    <message>
        <source>Show what needs attention after syncing</source>
        <translation>Dangos beth sydd angen sylw ar ôl cysoni</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Ymadael</translation>
    </message>
    <message>
        <source>Quit Cofnod</source>
        <translation>Cau Cofnod</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Llwybrau byr y &amp;bysellfwrdd</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts</source>
        <translation>Rhestru llwybrau byr y bysellfwrdd</translation>
    </message>
    <message>
        <source>Next tab of the conference</source>
        <translation>Tab nesaf y gynhadledd</translation>
    </message>
    <message>
        <source>Previous tab of the conference</source>
        <translation>Tab blaenorol y gynhadledd</translation>
    </message>
    <message>
        <source>Open a list (combo box or date)</source>
        <translation>Agor rhestr (blwch cyfuno neu ddyddiad)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This computer&apos;s key store keeps secrets in a plain file that other programs could read, so Cofnod will not keep its key there. Choose a passphrase to protect Cofnod&apos;s data instead; it cannot be recovered.</source>
        <translation>Mae storfa allweddi&apos;r cyfrifiadur hwn yn cadw cyfrinachau mewn ffeil blaen y gallai rhaglenni eraill ei darllen, felly ni fydd Cofnod yn cadw ei allwedd yno. Dewiswch gyfrinymadrodd i ddiogelu data Cofnod yn lle hynny; nid oes modd ei adfer os caiff ei golli.</translation>
    </message>
    <message>
        <source>This computer has no key store. Choose a passphrase to protect Cofnod&apos;s data; it cannot be recovered.</source>
        <translation>Nid oes storfa allweddi ar y cyfrifiadur hwn. Dewiswch gyfrinymadrodd i ddiogelu data Cofnod; nid oes modd ei adfer os caiff ei golli.</translation>
    </message>
    <message>
        <source>Enter the passphrase that protects Cofnod&apos;s data.</source>
        <translation>Rhowch y cyfrinymadrodd sy&apos;n diogelu data Cofnod.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Cyfrinymadrodd</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Eich enw:</translation>
    </message>
    <message>
        <source>Your seat:</source>
        <translation>Eich rôl:</translation>
    </message>
    <message>
        <source>Unlock PIN</source>
        <translation>PIN datgloi</translation>
    </message>
    <message>
        <source>Choose a PIN or passphrase to unlock Cofnod after it locks itself.</source>
        <translation>Dewiswch PIN neu gyfrinymadrodd i ddatgloi Cofnod ar ôl iddo gloi ei hun.</translation>
    </message>
    <message>
        <source>Creating demonstration data…</source>
        <extracomment>``COFNOD_BENCH_EXIT_WHEN_READY=1`` (benchmarks only): once the window is shown and the conference list holds its first page, print ``SHOWN``/``READY`` (ms since process start), ``ROWS`` and ``RSS`` (kB) lines on stdout and quit. ``COFNOD_BENCH_T0`` (epoch seconds, set by the parent just before it spawns the process) is the start; without it the kernel&apos;s start time from /proc/self/stat is used. ``make run`` only (set by :mod:`desktop.devrun`): the local register to sign in to, a :class:`desktop.devservice.DevService` holding this run&apos;s password in memory.</extracomment>
        <translation>Wrthi&apos;n creu data enghreifftiol…</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <source>A child&apos;s details</source>
        <translation>Manylion plentyn</translation>
    </message>
    <message>
        <source>A family member&apos;s details</source>
        <translation>Manylion aelod o&apos;r teulu</translation>
    </message>
    <message>
        <source>A conference&apos;s details</source>
        <translation>Manylion cynhadledd</translation>
    </message>
    <message>
        <source>An attendance entry</source>
        <translation>Cofnod presenoldeb</translation>
    </message>
    <message>
        <source>An agency report</source>
        <translation>Adroddiad asiantaeth</translation>
    </message>
    <message>
        <source>The child&apos;s voice record</source>
        <translation>Cofnod llais y plentyn</translation>
    </message>
    <message>
        <source>A section of the minutes</source>
        <translation>Adran o&apos;r cofnodion</translation>
    </message>
    <message>
        <source>A decision</source>
        <translation>Penderfyniad</translation>
    </message>
    <message>
        <source>A plan action</source>
        <translation>Cam gweithredu yn y cynllun</translation>
    </message>
    <message>
        <source>The outline plan</source>
        <translation>Y cynllun amlinellol</translation>
    </message>
    <message>
        <source>The distribution list</source>
        <translation>Y rhestr ddosbarthu</translation>
    </message>
    <message>
        <source>A record</source>
        <translation>Cofnod</translation>
    </message>
    <message>
        <source>%1: the register refused a change from this computer. %2</source>
        <translation>%1: gwrthododd y gofrestr newid o&apos;r cyfrifiadur hwn. %2</translation>
    </message>
    <message>
        <source>Two different decisions were recorded for the same child. The chair records the decision that settles them.</source>
        <translation>Cofnodwyd dau benderfyniad gwahanol ar gyfer yr un plentyn. Mae&apos;r cadeirydd yn cofnodi&apos;r penderfyniad sy&apos;n eu setlo.</translation>
    </message>
    <message>
        <source>The same decision was recorded twice for the same child. Nothing on the register changes.</source>
        <translation>Cofnodwyd yr un penderfyniad ddwywaith ar gyfer yr un plentyn. Nid oes dim yn newid ar y gofrestr.</translation>
    </message>
    <message>
        <source>%1 was changed on this computer and elsewhere at the same time.</source>
        <translation>%1: newidiwyd ar y cyfrifiadur hwn ac mewn man arall ar yr un pryd.</translation>
    </message>
    <message>
        <source>(this version did not reach this computer)</source>
        <translation>(ni chyrhaeddodd y fersiwn hon y cyfrifiadur hwn)</translation>
    </message>
    <message>
        <source>Merged %1</source>
        <translation>%1 wedi&apos;i gyfuno</translation>
    </message>
    <message>
        <source>Both decisions are shown. Open the child&apos;s conference and, as chair, record a further decision that settles them; this item leaves the list when the register confirms it.</source>
        <translation>Dangosir y ddau benderfyniad. Agorwch gynhadledd y plentyn ac, fel cadeirydd, cofnodwch benderfyniad pellach sy&apos;n eu setlo; bydd yr eitem hon yn gadael y rhestr pan fydd y gofrestr yn ei gadarnhau.</translation>
    </message>
    <message>
        <source>Changes that sync could not settle by itself. Nothing here is lost: choose what to keep.</source>
        <translation>Newidiadau na allai&apos;r cysoni eu setlo ar ei ben ei hun. Nid oes dim wedi&apos;i golli: dewiswch beth i&apos;w gadw.</translation>
    </message>
    <message>
        <source>Items that need attention</source>
        <translation>Eitemau sydd angen sylw</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Nid oes dim angen sylw.</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Ar y cyfrifiadur hwn</translation>
    </message>
    <message>
        <source>The version on this computer</source>
        <translation>Y fersiwn ar y cyfrifiadur hwn</translation>
    </message>
    <message>
        <source>The other version</source>
        <translation>Y fersiwn arall</translation>
    </message>
    <message>
        <source>Merged version</source>
        <translation>Fersiwn gyfun</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>&amp;Cadw fy un i</translation>
    </message>
    <message>
        <source>&amp;Take the other version</source>
        <translation>Cymryd y fersiwn &amp;arall</translation>
    </message>
    <message>
        <source>Save the &amp;merged version</source>
        <translation>Cadw&apos;r fersiwn &amp;gyfun</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Cydnabod</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Stacked bar chart</source>
        <extracomment>A value that is suppressed (&quot;fewer than 5&quot;): drawn as no bar, written as its marker text.</extracomment>
        <translation>Siart bar wedi&apos;i bentyrru</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>Siart bar</translation>
    </message>
    <message>
        <source>No figures.</source>
        <translation>Dim ffigurau.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Date</source>
        <extracomment>Roles answered from a row&apos;s cached texts, and the other roles :meth:`DtoTableModel.data` answers (the view asks for a dozen roles per cell on every paint; the rest return at once).</extracomment>
        <translation>Dyddiad</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Cyfeirnod</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Math</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Plant</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Erbyn</translation>
    </message>
    <message>
        <source>Timescale</source>
        <translation>Amserlen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Dyddiad geni</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Cofrestr</translation>
    </message>
    <message>
        <source>Co-ordinator</source>
        <translation>Cydgysylltydd</translation>
    </message>
    <message>
        <source>18th birthday</source>
        <translation>Pen-blwydd yn 18 oed</translation>
    </message>
    <message>
        <source>Taking part as</source>
        <translation>Yn cymryd rhan fel</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Asiantaeth</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Presenoldeb</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Cam gweithredu</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Pwy sy&apos;n gyfrifol</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Erbyn</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Derbynnydd</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copi</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Anfonwyd</translation>
    </message>
    <message>
        <source>Figure</source>
        <extracomment>Pause after the last change of the period before the figures are counted again.</extracomment>
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
        <source>Child</source>
        <translation>Plentyn</translation>
    </message>
    <message>
        <source>Type or outcome</source>
        <translation>Math neu ganlyniad</translation>
    </message>
    <message>
        <source>Working days late</source>
        <translation>Diwrnodau gwaith yn hwyr</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Aeth rhywbeth o&apos;i le</translation>
    </message>
    <message>
        <source>Cofnod met an unexpected error. Your typed text is kept as a draft. You can copy this report for your support team.</source>
        <translation>Daeth Cofnod ar draws gwall annisgwyl. Mae&apos;r testun a deipiwyd gennych wedi&apos;i gadw fel drafft. Gallwch gopïo&apos;r adroddiad hwn i&apos;w anfon at eich tîm cymorth.</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Adroddiad gwall</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Copïo&apos;r adroddiad</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Agor ffolder y &amp;log</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
</context>
<context>
    <name>FinaliseDialog</name>
    <message>
        <source>Finalise decision</source>
        <translation>Cwblhau&apos;r penderfyniad</translation>
    </message>
    <message>
        <source>Finalising locks this decision for %1. It cannot be changed afterwards; corrections are added as addenda. The register will confirm it when Cofnod next syncs.</source>
        <translation>Mae cwblhau yn cloi&apos;r penderfyniad hwn ar gyfer %1. Ni ellir ei newid wedyn; caiff cywiriadau eu hychwanegu fel atodiadau. Bydd y gofrestr yn ei gadarnhau y tro nesaf y bydd Cofnod yn cysoni.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ie</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Na</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Canlyniad: %1</translation>
    </message>
    <message>
        <source>Categories: %1</source>
        <translation>Categorïau: %1</translation>
    </message>
    <message>
        <source>Consensus: %1</source>
        <translation>Consensws: %1</translation>
    </message>
    <message>
        <source>Chair decided: %1</source>
        <translation>Penderfynodd y cadeirydd: %1</translation>
    </message>
    <message>
        <source>Rationale: %1</source>
        <translation>Rhesymeg: %1</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>Tystiolaeth: %1</translation>
    </message>
    <message>
        <source>Co-ordinator: %1</source>
        <translation>Cydgysylltydd: %1</translation>
    </message>
    <message>
        <source>Views:</source>
        <translation>Barn yr ymarferwyr:</translation>
    </message>
    <message>
        <source>Dissent: %1</source>
        <translation>Anghytuno: %1</translation>
    </message>
    <message>
        <source>Content fingerprint: %1</source>
        <translation>Ôl bys y cynnwys: %1</translation>
    </message>
    <message>
        <source>What will be locked</source>
        <translation>Beth fydd yn cael ei gloi</translation>
    </message>
    <message>
        <source>&amp;Finalise</source>
        <translation>C&amp;wblhau</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Version history</source>
        <translation>Hanes y fersiynau</translation>
    </message>
    <message>
        <source>Saved versions</source>
        <translation>Fersiynau a gadwyd</translation>
    </message>
    <message>
        <source>Text of the version</source>
        <translation>Testun y fersiwn</translation>
    </message>
    <message>
        <source>Version %1, %2</source>
        <translation>Fersiwn %1, %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Chair</source>
        <translation>Cadeirydd</translation>
    </message>
    <message>
        <source>Minute-taker</source>
        <translation>Cofnodwr</translation>
    </message>
    <message>
        <source>Initial conference</source>
        <translation>Cynhadledd gychwynnol</translation>
    </message>
    <message>
        <source>Review conference</source>
        <translation>Cynhadledd adolygu</translation>
    </message>
    <message>
        <source>Transfer-in conference</source>
        <translation>Cynhadledd trosglwyddo i mewn</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Wedi&apos;i threfnu</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Yn mynd rhagddi</translation>
    </message>
    <message>
        <source>Record drafted</source>
        <translation>Cofnod wedi&apos;i ddrafftio</translation>
    </message>
    <message>
        <source>Record approved</source>
        <translation>Cofnod wedi&apos;i gymeradwyo</translation>
    </message>
    <message>
        <source>Distributed</source>
        <translation>Cofnod wedi&apos;i ddosbarthu</translation>
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
        <source>Overdue</source>
        <translation>Hwyr</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Yn ddyledus cyn bo hir</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Ar amser</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Wedi&apos;i chynnal</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>Dim dyddiad dyledus</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Unrhyw un</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Wyneb yn wyneb</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>O bell</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>Wyneb yn wyneb ac o bell</translation>
    </message>
    <message>
        <source>Welsh</source>
        <translation>Cymraeg</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Saesneg</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Arall</translation>
    </message>
    <message>
        <source>Separate minute-taker</source>
        <translation>Cofnodwr ar wahân</translation>
    </message>
    <message>
        <source>Chair takes the minutes</source>
        <translation>Y cadeirydd sy&apos;n cymryd y cofnodion</translation>
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
        <source>Apologies, report sent</source>
        <translation>Ymddiheuriadau, anfonwyd adroddiad</translation>
    </message>
    <message>
        <source>Apologies</source>
        <translation>Ymddiheuriadau</translation>
    </message>
    <message>
        <source>Did not attend</source>
        <translation>Heb ddod i&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Excluded in part</source>
        <translation>Wedi&apos;i wahardd o ran o&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Excluded in whole</source>
        <translation>Wedi&apos;i wahardd o&apos;r gynhadledd gyfan</translation>
    </message>
    <message>
        <source>Excluded in part, including the decision</source>
        <translation>Wedi&apos;i wahardd o ran o&apos;r gynhadledd, gan gynnwys y penderfyniad</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Ymarferydd</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>Aelod o&apos;r teulu</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Plentyn</translation>
    </message>
    <message>
        <source>Advocate</source>
        <translation>Eiriolwr</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Cyfieithydd</translation>
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
        <source>Probation / youth justice</source>
        <translation>Y gwasanaeth prawf / cyfiawnder ieuenctid</translation>
    </message>
    <message>
        <source>Adult services</source>
        <translation>Gwasanaethau oedolion</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Tai</translation>
    </message>
    <message>
        <source>Voluntary sector</source>
        <translation>Y sector gwirfoddol</translation>
    </message>
    <message>
        <source>CAFCASS Cymru</source>
        <translation>CAFCASS Cymru</translation>
    </message>
    <message>
        <source>Local authority legal</source>
        <translation>Gwasanaethau cyfreithiol yr awdurdod lleol</translation>
    </message>
    <message>
        <source>Quorate</source>
        <translation>Cworwm wedi&apos;i gyrraedd</translation>
    </message>
    <message>
        <source>Proceeding with two agencies (reason recorded)</source>
        <translation>Bwrw ymlaen â dwy asiantaeth (rheswm wedi&apos;i gofnodi)</translation>
    </message>
    <message>
        <source>Two agencies: the chair must record a reason</source>
        <translation>Dwy asiantaeth: rhaid i&apos;r cadeirydd gofnodi rheswm</translation>
    </message>
    <message>
        <source>Attends the whole conference</source>
        <translation>Yn bresennol drwy gydol y gynhadledd</translation>
    </message>
    <message>
        <source>Attends part of the conference</source>
        <translation>Yn bresennol am ran o&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Advocate attends</source>
        <translation>Eiriolwr yn bresennol</translation>
    </message>
    <message>
        <source>Prepared contribution</source>
        <translation>Cyfraniad wedi&apos;i baratoi</translation>
    </message>
    <message>
        <source>Through the social worker</source>
        <translation>Drwy&apos;r gweithiwr cymdeithasol</translation>
    </message>
    <message>
        <source>Not attending (chair&apos;s decision)</source>
        <translation>Ddim yn bresennol (penderfyniad y cadeirydd)</translation>
    </message>
    <message>
        <source>Not yet offered</source>
        <translation>Heb ei gynnig eto</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Derbyniwyd</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Gwrthodwyd</translation>
    </message>
    <message>
        <source>Decision 1: not registered</source>
        <translation>Penderfyniad 1: heb ei gofrestru</translation>
    </message>
    <message>
        <source>Decision 2: registered</source>
        <translation>Penderfyniad 2: wedi&apos;i gofrestru</translation>
    </message>
    <message>
        <source>Remain registered, same categories</source>
        <translation>Aros ar y gofrestr, yr un categorïau</translation>
    </message>
    <message>
        <source>Remain registered, categories changed</source>
        <translation>Aros ar y gofrestr, categorïau wedi newid</translation>
    </message>
    <message>
        <source>Deregister</source>
        <translation>Dadgofrestru</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Cofrestru</translation>
    </message>
    <message>
        <source>Do not register</source>
        <translation>Peidio â chofrestru</translation>
    </message>
    <message>
        <source>Stay registered</source>
        <translation>Aros ar y gofrestr</translation>
    </message>
    <message>
        <source>Physical abuse</source>
        <translation>Cam-drin corfforol</translation>
    </message>
    <message>
        <source>Emotional / psychological abuse</source>
        <translation>Cam-drin emosiynol / seicolegol</translation>
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
        <source>Draft</source>
        <translation>Drafft</translation>
    </message>
    <message>
        <source>Finalised, awaiting the register&apos;s confirmation</source>
        <translation>Wedi&apos;i gwblhau, yn aros i&apos;r gofrestr ei gadarnhau</translation>
    </message>
    <message>
        <source>Finalised and confirmed</source>
        <translation>Wedi&apos;i gwblhau a&apos;i gadarnhau</translation>
    </message>
    <message>
        <source>Contested</source>
        <translation>Wedi&apos;i herio</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Dilyn y system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Golau</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Tywyll</translation>
    </message>
    <message>
        <source>No continuing risk (review)</source>
        <translation>Dim risg barhaus (adolygiad)</translation>
    </message>
    <message>
        <source>Moved away permanently</source>
        <translation>Wedi symud i ffwrdd yn barhaol</translation>
    </message>
    <message>
        <source>Turned 18</source>
        <translation>Wedi troi&apos;n 18 oed</translation>
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
        <source>Attendance and apologies</source>
        <translation>Presenoldeb ac ymddiheuriadau</translation>
    </message>
    <message>
        <source>Reports received</source>
        <translation>Adroddiadau a ddaeth i law</translation>
    </message>
    <message>
        <source>The child&apos;s voice</source>
        <translation>Llais y plentyn</translation>
    </message>
    <message>
        <source>Information shared and discussion</source>
        <translation>Y wybodaeth a rannwyd a&apos;r drafodaeth</translation>
    </message>
    <message>
        <source>Risks and strengths</source>
        <translation>Risgiau a chryfderau</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Penderfyniad</translation>
    </message>
    <message>
        <source>Outline plan</source>
        <translation>Cynllun amlinellol</translation>
    </message>
    <message>
        <source>Next review date</source>
        <translation>Dyddiad yr adolygiad nesaf</translation>
    </message>
    <message>
        <source>No date of birth</source>
        <translation>Dim dyddiad geni</translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation>O dan 18 oed</translation>
    </message>
    <message>
        <source>18th birthday soon: plan the end of registration</source>
        <translation>Pen-blwydd yn 18 oed cyn bo hir: cynlluniwch ddiwedd y cofrestru</translation>
    </message>
    <message>
        <source>Turned 18: registration should end</source>
        <translation>Wedi troi&apos;n 18 oed: dylai&apos;r cofrestru ddod i ben</translation>
    </message>
</context>
<context>
    <name>Lock</name>
    <message>
        <source>The register no longer accepts this computer: an administrator has withdrawn its access or removed your account. Your work on this computer is kept, but Cofnod cannot sync or show records. Ask your administrator, then open Cofnod again and sign in.</source>
        <translation>Nid yw&apos;r gofrestr yn derbyn y cyfrifiadur hwn mwyach: mae gweinyddwr wedi tynnu ei fynediad yn ôl neu wedi dileu eich cyfrif. Mae eich gwaith ar y cyfrifiadur hwn yn cael ei gadw, ond ni all Cofnod gysoni na dangos cofnodion. Gofynnwch i&apos;ch gweinyddwr, yna agorwch Cofnod eto a mewngofnodi.</translation>
    </message>
    <message>
        <source>Cofnod is locked. Enter your unlock PIN or passphrase to carry on; your unsaved text is kept.</source>
        <translation>Mae Cofnod wedi&apos;i gloi. Rhowch eich PIN datgloi neu&apos;ch cyfrinymadrodd i barhau; ni chollir unrhyw destun sydd heb ei gadw.</translation>
    </message>
    <message>
        <source>Unlock PIN or passphrase</source>
        <translation>PIN datgloi neu gyfrinymadrodd</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Datgloi</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Datgloi</translation>
    </message>
    <message>
        <source>That is not right. Try again.</source>
        <translation>Nid yw hynny&apos;n gywir. Rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>Heddiw</translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation>Cynadleddau</translation>
    </message>
    <message>
        <source>Children and the register</source>
        <translation>Plant a&apos;r gofrestr</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Ansawdd</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Wedi&apos;i gloi</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Angen sylw</translation>
    </message>
    <message>
        <source>Conference</source>
        <translation>Cynhadledd</translation>
    </message>
    <message>
        <source>%1 — Cofnod</source>
        <translation>%1 — Cofnod</translation>
    </message>
    <message>
        <source>No user set: choose yourself and your seat in Settings</source>
        <translation>Dim defnyddiwr wedi&apos;i osod: rhowch eich enw a&apos;ch rôl yn y Gosodiadau</translation>
    </message>
    <message>
        <source>%1, acting as %2</source>
        <translation>%1, yn gweithredu fel %2</translation>
    </message>
    <message>
        <source>Working offline</source>
        <translation>Yn gweithio all-lein</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Llywio</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Gweithredoedd</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Cymorth</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>Cy&amp;soni</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something unexpected went wrong. Your typed text is kept as a draft.</source>
        <translation>Aeth rhywbeth annisgwyl o&apos;i le. Mae&apos;r testun a deipiwyd gennych wedi&apos;i gadw fel drafft.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
</context>
<context>
    <name>NewConferenceDialog</name>
    <message>
        <source>New conference</source>
        <translation>Cynhadledd newydd</translation>
    </message>
    <message>
        <source>Conference type</source>
        <translation>Math o gynhadledd</translation>
    </message>
    <message>
        <source>The subject is an &amp;unborn child</source>
        <translation>Mae&apos;n ymwneud â phlentyn &amp;heb ei eni</translation>
    </message>
    <message>
        <source>Unborn child</source>
        <translation>Plentyn heb ei eni</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Dyddiad ac amser</translation>
    </message>
    <message>
        <source>Strategy discussion or previous conference date</source>
        <translation>Dyddiad y drafodaeth strategaeth neu&apos;r gynhadledd flaenorol</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lleoliad</translation>
    </message>
    <message>
        <source>In person or remote</source>
        <translation>Wyneb yn wyneb neu o bell</translation>
    </message>
    <message>
        <source>Language of the conference</source>
        <translation>Iaith y gynhadledd</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Cadeirydd</translation>
    </message>
    <message>
        <source>Minute-taker</source>
        <translation>Cofnodwr</translation>
    </message>
    <message>
        <source>Minuting</source>
        <translation>Dull cofnodi</translation>
    </message>
    <message>
        <source>Children considered</source>
        <translation>Y plant a ystyrir</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Math:</translation>
    </message>
    <message>
        <source>&amp;Date and time:</source>
        <translation>&amp;Dyddiad ac amser:</translation>
    </message>
    <message>
        <source>&amp;Strategy discussion / previous conference:</source>
        <translation>Trafodaeth &amp;strategaeth / y gynhadledd flaenorol:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Lleoliad:</translation>
    </message>
    <message>
        <source>In person or &amp;remote:</source>
        <translation>Wyneb yn wyneb neu o &amp;bell:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Iaith:</translation>
    </message>
    <message>
        <source>C&amp;hair:</source>
        <translation>&amp;Cadeirydd:</translation>
    </message>
    <message>
        <source>&amp;Minute-taker:</source>
        <translation>C&amp;ofnodwr:</translation>
    </message>
    <message>
        <source>M&amp;inuting:</source>
        <translation>Dull co&amp;fnodi:</translation>
    </message>
    <message>
        <source>&amp;Children considered:</source>
        <translation>&amp;Plant a ystyrir:</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Trefnu</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>A present practitioner has not given a view.</source>
        <extracomment>Sentences for problem and error codes; %1 etc. are filled from parameters in order.</extracomment>
        <translation>Nid yw un o&apos;r ymarferwyr sy&apos;n bresennol wedi rhoi ei farn.</translation>
    </message>
    <message>
        <source>Choose the outcome.</source>
        <translation>Dewiswch y canlyniad.</translation>
    </message>
    <message>
        <source>Choose at least one category.</source>
        <translation>Dewiswch o leiaf un categori.</translation>
    </message>
    <message>
        <source>Categories apply only to a registration.</source>
        <translation>Dim ond i gofrestriad y mae categorïau&apos;n berthnasol.</translation>
    </message>
    <message>
        <source>Name the co-ordinator.</source>
        <translation>Enwch y cydgysylltydd.</translation>
    </message>
    <message>
        <source>Record the support plan for a child not registered.</source>
        <translation>Cofnodwch y cynllun cymorth ar gyfer plentyn nad yw wedi&apos;i gofrestru.</translation>
    </message>
    <message>
        <source>Add at least one outline plan action.</source>
        <translation>Ychwanegwch o leiaf un cam gweithredu at y cynllun amlinellol.</translation>
    </message>
    <message>
        <source>Deregistration needs evidence of change.</source>
        <translation>Mae angen tystiolaeth o newid cyn dadgofrestru.</translation>
    </message>
    <message>
        <source>There is no consensus: the chair must decide.</source>
        <translation>Nid oes consensws: rhaid i&apos;r cadeirydd benderfynu.</translation>
    </message>
    <message>
        <source>The outcome differs from the majority: only the chair can decide that.</source>
        <translation>Mae&apos;r canlyniad yn wahanol i farn y mwyafrif: dim ond y cadeirydd all benderfynu hynny.</translation>
    </message>
    <message>
        <source>Record why a practitioner dissents.</source>
        <translation>Cofnodwch pam mae ymarferydd yn anghytuno.</translation>
    </message>
    <message>
        <source>Record the chair&apos;s reason.</source>
        <translation>Cofnodwch reswm y cadeirydd.</translation>
    </message>
    <message>
        <source>Record the rationale.</source>
        <translation>Cofnodwch y rhesymeg.</translation>
    </message>
    <message>
        <source>Record the evidence.</source>
        <translation>Cofnodwch y dystiolaeth.</translation>
    </message>
    <message>
        <source>The conference is not quorate.</source>
        <translation>Nid oes cworwm yn y gynhadledd.</translation>
    </message>
    <message>
        <source>Record the child&apos;s voice.</source>
        <translation>Cofnodwch lais y plentyn.</translation>
    </message>
    <message>
        <source>Record how the child took part.</source>
        <translation>Cofnodwch sut y cymerodd y plentyn ran.</translation>
    </message>
    <message>
        <source>Record the advocacy offer.</source>
        <translation>Cofnodwch y cynnig eiriolaeth.</translation>
    </message>
    <message>
        <source>Record why advocacy has not been offered.</source>
        <translation>Cofnodwch pam nad yw eiriolaeth wedi&apos;i chynnig.</translation>
    </message>
    <message>
        <source>Record the child&apos;s wishes and feelings.</source>
        <translation>Cofnodwch ddymuniadau a theimladau&apos;r plentyn.</translation>
    </message>
    <message>
        <source>Record the child&apos;s language.</source>
        <translation>Cofnodwch iaith y plentyn.</translation>
    </message>
    <message>
        <source>Name the child&apos;s language.</source>
        <translation>Enwch iaith y plentyn.</translation>
    </message>
    <message>
        <source>The voice is incomplete; a reason is recorded.</source>
        <translation>Nid yw llais y plentyn yn gyflawn; mae rheswm wedi&apos;i gofnodi.</translation>
    </message>
    <message>
        <source>The chair decided against the majority view.</source>
        <translation>Penderfynodd y cadeirydd yn groes i farn y mwyafrif.</translation>
    </message>
    <message>
        <source>Consider a contingency plan.</source>
        <translation>Ystyriwch gynllun wrth gefn.</translation>
    </message>
    <message>
        <source>Deregistration at the first review is rare: check the evidence.</source>
        <translation>Anaml y caiff plentyn ei ddadgofrestru yn yr adolygiad cyntaf: gwiriwch y dystiolaeth.</translation>
    </message>
    <message>
        <source>The child has no current registration.</source>
        <translation>Nid yw&apos;r plentyn ar y gofrestr ar hyn o bryd.</translation>
    </message>
    <message>
        <source>The child is already on the register: a review conference decides.</source>
        <translation>Mae&apos;r plentyn ar y gofrestr yn barod: cynhadledd adolygu sy&apos;n penderfynu.</translation>
    </message>
    <message>
        <source>The child is not on this council&apos;s register.</source>
        <translation>Nid yw&apos;r plentyn ar gofrestr y cyngor hwn.</translation>
    </message>
    <message>
        <source>The child is on the register temporarily for another council: a transfer-in conference decides.</source>
        <translation>Mae&apos;r plentyn ar y gofrestr dros dro ar ran cyngor arall: cynhadledd trosglwyddo i mewn sy&apos;n penderfynu.</translation>
    </message>
    <message>
        <source>The categories differ from the current ones.</source>
        <translation>Mae&apos;r categorïau&apos;n wahanol i&apos;r rhai presennol.</translation>
    </message>
    <message>
        <source>The categories have not changed.</source>
        <translation>Nid yw&apos;r categorïau wedi newid.</translation>
    </message>
    <message>
        <source>This outcome is not for this conference type.</source>
        <translation>Nid yw&apos;r canlyniad hwn yn berthnasol i&apos;r math hwn o gynhadledd.</translation>
    </message>
    <message>
        <source>A practitioner has given two views.</source>
        <translation>Mae ymarferydd wedi rhoi ei farn ddwywaith.</translation>
    </message>
    <message>
        <source>A view came from someone not present.</source>
        <translation>Daeth barn gan rywun nad oedd yn bresennol.</translation>
    </message>
    <message>
        <source>No co-ordinator named; the senior manager was told.</source>
        <translation>Ni enwyd cydgysylltydd; rhoddwyd gwybod i&apos;r uwch-reolwr.</translation>
    </message>
    <message>
        <source>Only two agencies: record the chair&apos;s reason.</source>
        <translation>Dwy asiantaeth yn unig: cofnodwch reswm y cadeirydd.</translation>
    </message>
    <message>
        <source>Fewer than two agencies: the conference is inquorate.</source>
        <translation>Llai na dwy asiantaeth: nid oes cworwm yn y gynhadledd.</translation>
    </message>
    <message>
        <source>Proceeding with two agencies.</source>
        <translation>Bwrw ymlaen â dwy asiantaeth.</translation>
    </message>
    <message>
        <source>A key participant is absent and sent no report: consider postponing.</source>
        <translation>Mae cyfranogwr allweddol yn absennol ac ni anfonodd adroddiad: ystyriwch ohirio.</translation>
    </message>
    <message>
        <source>A practitioner has no agency.</source>
        <translation>Nid oes asiantaeth wedi&apos;i nodi ar gyfer un o&apos;r ymarferwyr.</translation>
    </message>
    <message>
        <source>Only someone excluded in part can be excluded from the decision.</source>
        <translation>Dim ond rhywun sydd wedi&apos;i wahardd o ran o&apos;r gynhadledd all gael ei wahardd o&apos;r penderfyniad.</translation>
    </message>
    <message>
        <source>This child&apos;s decision is finalised, so their voice is read-only: it is the evidence the decision rested on. Record any correction as an addendum to the decision.</source>
        <translation>Mae penderfyniad y plentyn hwn wedi&apos;i gwblhau, felly ni ellir newid ei lais: dyma&apos;r dystiolaeth y seiliwyd y penderfyniad arni. Cofnodwch unrhyw gywiriad fel atodiad i&apos;r penderfyniad.</translation>
    </message>
    <message>
        <source>Only a chair or an administrator can add a child or change a co-ordinator.</source>
        <translation>Dim ond cadeirydd neu weinyddwr all ychwanegu plentyn neu newid cydgysylltydd.</translation>
    </message>
    <message>
        <source>Confirm that the family has been told of the change, in person and in writing.</source>
        <translation>Cadarnhewch fod y teulu wedi cael gwybod am y newid, wyneb yn wyneb ac yn ysgrifenedig.</translation>
    </message>
    <message>
        <source>Confirm that the agencies have been told of the change, in person and in writing.</source>
        <translation>Cadarnhewch fod yr asiantaethau wedi cael gwybod am y newid, wyneb yn wyneb ac yn ysgrifenedig.</translation>
    </message>
    <message>
        <source>The minute-taker records the conference but cannot make, finalise or approve decisions.</source>
        <translation>Mae&apos;r cofnodwr yn cofnodi&apos;r gynhadledd ond ni all wneud, cwblhau na chymeradwyo penderfyniadau.</translation>
    </message>
    <message>
        <source>Your seat does not allow this.</source>
        <translation>Nid yw eich rôl yn caniatáu hyn.</translation>
    </message>
    <message>
        <source>Only this conference&apos;s chair can do this.</source>
        <translation>Dim ond cadeirydd y gynhadledd hon all wneud hyn.</translation>
    </message>
    <message>
        <source>No seat has been chosen for this profile.</source>
        <translation>Nid oes rôl wedi&apos;i dewis ar gyfer y proffil hwn.</translation>
    </message>
    <message>
        <source>Administrators cannot see case records.</source>
        <translation>Ni all gweinyddwyr weld cofnodion achosion.</translation>
    </message>
    <message>
        <source>This has already been settled, on this computer or another. The list now shows what is left.</source>
        <translation>Mae hyn eisoes wedi&apos;i setlo, ar y cyfrifiadur hwn neu un arall. Mae&apos;r rhestr bellach yn dangos beth sydd ar ôl.</translation>
    </message>
    <message>
        <source>Choose which version to keep, or merge them.</source>
        <translation>Dewiswch pa fersiwn i&apos;w chadw, neu cyfunwch nhw.</translation>
    </message>
    <message>
        <source>Write the merged version before saving it.</source>
        <translation>Ysgrifennwch y fersiwn gyfun cyn ei chadw.</translation>
    </message>
    <message>
        <source>The merged version has a field that neither version has. Start the merge again.</source>
        <translation>Mae gan y fersiwn gyfun faes nad oes gan yr un o&apos;r ddwy fersiwn. Dechreuwch gyfuno eto.</translation>
    </message>
    <message>
        <source>Two decisions about the same child are settled by the chair recording a further decision, not by choosing a version.</source>
        <translation>Caiff dau benderfyniad am yr un plentyn eu setlo gan y cadeirydd yn cofnodi penderfyniad pellach, nid drwy ddewis fersiwn.</translation>
    </message>
    <message>
        <source>This item cannot be settled by choosing a version.</source>
        <translation>Ni ellir setlo&apos;r eitem hon drwy ddewis fersiwn.</translation>
    </message>
    <message>
        <source>Choose which version to keep (or, for two decisions, record the settling decision) first.</source>
        <translation>Dewiswch pa fersiwn i&apos;w chadw (neu, ar gyfer dau benderfyniad, cofnodwch y penderfyniad sy&apos;n eu setlo) yn gyntaf.</translation>
    </message>
    <message>
        <source>The register found some details missing or not valid.</source>
        <translation>Canfu&apos;r gofrestr fod rhai manylion ar goll neu&apos;n annilys.</translation>
    </message>
    <message>
        <source>The register does not allow your account to make this change.</source>
        <translation>Nid yw&apos;r gofrestr yn caniatáu i&apos;ch cyfrif wneud y newid hwn.</translation>
    </message>
    <message>
        <source>The record had been withdrawn on the register.</source>
        <translation>Roedd y cofnod wedi&apos;i dynnu&apos;n ôl ar y gofrestr.</translation>
    </message>
    <message>
        <source>The record was no longer a draft on the register.</source>
        <translation>Nid oedd y cofnod yn ddrafft ar y gofrestr mwyach.</translation>
    </message>
    <message>
        <source>The register&apos;s copy could not move to that status.</source>
        <translation>Nid oedd modd i gopi&apos;r gofrestr symud i&apos;r statws hwnnw.</translation>
    </message>
    <message>
        <source>The register already has this record.</source>
        <translation>Mae&apos;r cofnod hwn gan y gofrestr eisoes.</translation>
    </message>
    <message>
        <source>Someone had already settled this on the register.</source>
        <translation>Roedd rhywun eisoes wedi setlo hyn ar y gofrestr.</translation>
    </message>
    <message>
        <source>Cofnod could not read or write its data. Nothing was changed; close Cofnod and open it again, and if this happens again tell your support team.</source>
        <translation>Nid oedd modd i Cofnod ddarllen nac ysgrifennu ei ddata. Ni newidiwyd dim; caewch Cofnod a&apos;i agor eto, ac os digwydd hyn eto rhowch wybod i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>The file where Cofnod keeps its data is not encrypted, so Cofnod did not open it and left it as it is. Ask your support team to check the profile folder.</source>
        <translation>Nid yw&apos;r ffeil lle mae Cofnod yn cadw ei ddata wedi&apos;i hamgryptio, felly nid agorodd Cofnod hi a&apos;i gadael fel y mae. Gofynnwch i&apos;ch tîm cymorth wirio ffolder y proffil.</translation>
    </message>
    <message>
        <source>The key Cofnod was given does not open this profile&apos;s data. Nothing was changed; check that you are signed in to the computer as the person who set Cofnod up, or ask your support team.</source>
        <translation>Nid yw&apos;r allwedd a gafodd Cofnod yn agor data&apos;r proffil hwn. Ni newidiwyd dim; gwiriwch eich bod wedi mewngofnodi i&apos;r cyfrifiadur fel y person a osododd Cofnod, neu gofynnwch i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>Cofnod&apos;s data file is damaged and cannot be read safely. Do not delete the profile folder: ask your support team to restore it from a backup.</source>
        <translation>Mae ffeil ddata Cofnod wedi&apos;i difrodi ac nid oes modd ei darllen yn ddiogel. Peidiwch â dileu ffolder y proffil: gofynnwch i&apos;ch tîm cymorth ei adfer o gopi wrth gefn.</translation>
    </message>
    <message>
        <source>This profile was last used by a newer version of Cofnod, so this version will not change it. Install the newer version of Cofnod, or ask your support team.</source>
        <translation>Defnyddiwyd y proffil hwn ddiwethaf gan fersiwn fwy newydd o Cofnod, felly ni fydd y fersiwn hon yn ei newid. Gosodwch y fersiwn fwy newydd o Cofnod, neu gofynnwch i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>The key to this profile&apos;s data is no longer in this computer&apos;s key store (for example after a change of account or of key store), so Cofnod did not open it and did not start an empty profile over it. Your data is unchanged; ask your support team to restore the key.</source>
        <translation>Nid yw&apos;r allwedd i ddata&apos;r proffil hwn yn storfa allweddi&apos;r cyfrifiadur hwn mwyach (er enghraifft ar ôl newid cyfrif neu storfa allweddi), felly nid agorodd Cofnod ef ac ni ddechreuodd broffil gwag yn ei le. Mae eich data heb ei newid; gofynnwch i&apos;ch tîm cymorth adfer yr allwedd.</translation>
    </message>
    <message>
        <source>The profile folder is on a network drive or in a synced folder (such as OneDrive), where the data could be damaged. Choose a folder on this computer&apos;s own disk.</source>
        <translation>Mae ffolder y proffil ar yriant rhwydwaith neu mewn ffolder sy&apos;n cael ei gysoni (fel OneDrive), lle gallai&apos;r data gael ei ddifrodi. Dewiswch ffolder ar ddisg y cyfrifiadur hwn ei hun.</translation>
    </message>
    <message>
        <source>The disk is full: the last change was not saved. Free some space on the disk, then save again.</source>
        <translation>Mae&apos;r ddisg yn llawn: ni chadwyd y newid diwethaf. Rhyddhewch ychydig o le ar y ddisg, yna cadwch eto.</translation>
    </message>
    <message>
        <source>This record is finalised and cannot change. Add any correction as an addendum.</source>
        <translation>Mae&apos;r cofnod hwn wedi&apos;i gwblhau ac ni ellir ei newid. Ychwanegwch unrhyw gywiriad fel atodiad.</translation>
    </message>
    <message>
        <source>Cofnod cannot write to its profile folder (it is read-only, or you do not have permission), so the last change was not saved. Ask your support team to check the folder&apos;s permissions.</source>
        <translation>Ni all Cofnod ysgrifennu i ffolder ei broffil (mae&apos;n ddarllen yn unig, neu nid oes gennych ganiatâd), felly ni chadwyd y newid diwethaf. Gofynnwch i&apos;ch tîm cymorth wirio caniatâd y ffolder.</translation>
    </message>
    <message>
        <source>The computer reported an error reading or writing the disk, so the last change may not have been saved. Close Cofnod, open it again and check your work; if this happens again, ask your support team to check the disk.</source>
        <translation>Adroddodd y cyfrifiadur wall wrth ddarllen neu ysgrifennu&apos;r ddisg, felly efallai na chadwyd y newid diwethaf. Caewch Cofnod, agorwch ef eto a gwiriwch eich gwaith; os digwydd hyn eto, gofynnwch i&apos;ch tîm cymorth wirio&apos;r ddisg.</translation>
    </message>
    <message>
        <source>Cofnod could not make sure that saved work reaches the disk safely on this computer, so it did not open the data. Ask your support team: this usually means the installation is damaged.</source>
        <translation>Ni allai Cofnod sicrhau bod gwaith a gadwyd yn cyrraedd y ddisg yn ddiogel ar y cyfrifiadur hwn, felly nid agorodd y data. Gofynnwch i&apos;ch tîm cymorth: fel arfer mae hyn yn golygu bod y gosodiad wedi&apos;i ddifrodi.</translation>
    </message>
    <message>
        <source>The database in the profile folder was not made by Cofnod, so Cofnod did not change it. Choose another profile folder, or ask your support team.</source>
        <translation>Nid Cofnod a greodd y gronfa ddata yn ffolder y proffil, felly ni newidiodd Cofnod hi. Dewiswch ffolder proffil arall, neu gofynnwch i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>Cofnod needs to upgrade its data but could not make a backup copy first, so it upgraded nothing. Free some space on the disk and open Cofnod again.</source>
        <translation>Mae angen i Cofnod uwchraddio ei ddata ond ni allai wneud copi wrth gefn yn gyntaf, felly ni uwchraddiodd ddim. Rhyddhewch ychydig o le ar y ddisg ac agorwch Cofnod eto.</translation>
    </message>
    <message>
        <source>Upgrading Cofnod&apos;s data failed and was undone: your data is as it was. Open Cofnod again, and if this happens again tell your support team.</source>
        <translation>Methodd uwchraddio data Cofnod a chafodd ei ddadwneud: mae eich data fel yr oedd. Agorwch Cofnod eto, ac os digwydd hyn eto rhowch wybod i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store cannot be reached, so Cofnod cannot get the key to its data. Nothing was changed; sign out of the computer and in again (this starts the key store), then open Cofnod again, or ask your support team.</source>
        <translation>Nid oes modd cyrraedd storfa allweddi&apos;r cyfrifiadur hwn, felly ni all Cofnod gael yr allwedd i&apos;w ddata. Ni newidiwyd dim; allgofnodwch o&apos;r cyfrifiadur a mewngofnodwch eto (mae hyn yn cychwyn y storfa allweddi), yna agorwch Cofnod eto, neu gofynnwch i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store is locked. Unlock it (it usually asks for your computer password), then open Cofnod again; this is not a wrong password.</source>
        <translation>Mae storfa allweddi&apos;r cyfrifiadur hwn wedi&apos;i chloi. Datglowch hi (fel arfer mae&apos;n gofyn am gyfrinair eich cyfrifiadur), yna agorwch Cofnod eto; nid cyfrinair anghywir yw hyn.</translation>
    </message>
    <message>
        <source>This profile&apos;s key is kept in the key store, but the key store in use now keeps secrets in a plain file that other programs could read, so Cofnod will not use it. Nothing was changed; ask your support team to set up the system&apos;s own key store (for example GNOME Keyring), then open Cofnod again.</source>
        <translation>Mae allwedd y proffil hwn yn cael ei chadw yn y storfa allweddi, ond mae&apos;r storfa allweddi sy&apos;n cael ei defnyddio nawr yn cadw cyfrinachau mewn ffeil blaen y gallai rhaglenni eraill ei darllen, felly ni fydd Cofnod yn ei defnyddio. Ni newidiwyd dim; gofynnwch i&apos;ch tîm cymorth osod storfa allweddi&apos;r system ei hun (er enghraifft GNOME Keyring), yna agorwch Cofnod eto.</translation>
    </message>
    <message>
        <source>Cofnod&apos;s data is protected by a passphrase and none was given, so it was not opened. Open Cofnod again and enter the passphrase.</source>
        <translation>Mae data Cofnod wedi&apos;i ddiogelu gan gyfrinymadrodd ac ni roddwyd un, felly ni chafodd ei agor. Agorwch Cofnod eto a rhowch y cyfrinymadrodd.</translation>
    </message>
    <message>
        <source>That passphrase does not open Cofnod&apos;s data. Nothing was changed; open Cofnod again and check the passphrase (capital letters count). A lost passphrase cannot be recovered.</source>
        <translation>Nid yw&apos;r cyfrinymadrodd hwnnw&apos;n agor data Cofnod. Ni newidiwyd dim; agorwch Cofnod eto a gwiriwch y cyfrinymadrodd (mae priflythrennau&apos;n cyfrif). Nid oes modd adfer cyfrinymadrodd a gollwyd.</translation>
    </message>
    <message>
        <source>The profile&apos;s settings file (profile.json) is missing or cannot be read, so Cofnod cannot tell how the data&apos;s key is kept, and left everything as it was. Ask your support team to restore the file from a backup.</source>
        <translation>Mae ffeil gosodiadau&apos;r proffil (profile.json) ar goll neu nid oes modd ei darllen, felly ni all Cofnod wybod sut y cedwir allwedd y data, a gadawodd bopeth fel yr oedd. Gofynnwch i&apos;ch tîm cymorth adfer y ffeil o gopi wrth gefn.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store is locked, so Cofnod could not keep or read a secret. Unlock the key store, then try again.</source>
        <translation>Mae storfa allweddi&apos;r cyfrifiadur hwn wedi&apos;i chloi, felly ni allai Cofnod gadw na darllen cyfrinach. Datglowch y storfa allweddi, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store did not answer, so Cofnod could not keep or read a secret. Try again; if this happens again, sign out of the computer and in again, or ask your support team.</source>
        <translation>Ni atebodd storfa allweddi&apos;r cyfrifiadur hwn, felly ni allai Cofnod gadw na darllen cyfrinach. Rhowch gynnig arall arni; os digwydd hyn eto, allgofnodwch o&apos;r cyfrifiadur a mewngofnodwch eto, neu gofynnwch i&apos;ch tîm cymorth.</translation>
    </message>
    <message>
        <source>This computer&apos;s key store keeps secrets in a plain file that other programs could read, so Cofnod keeps nothing in it. Ask your support team to set up the system&apos;s own key store.</source>
        <translation>Mae storfa allweddi&apos;r cyfrifiadur hwn yn cadw cyfrinachau mewn ffeil blaen y gallai rhaglenni eraill ei darllen, felly nid yw Cofnod yn cadw dim ynddi. Gofynnwch i&apos;ch tîm cymorth osod storfa allweddi&apos;r system ei hun.</translation>
    </message>
    <message>
        <source>The record has been approved and cannot change.</source>
        <translation>Mae&apos;r cofnod wedi&apos;i gymeradwyo ac ni ellir ei newid.</translation>
    </message>
    <message>
        <source>This decision is finalised and cannot change.</source>
        <translation>Mae&apos;r penderfyniad hwn wedi&apos;i gwblhau ac ni ellir ei newid.</translation>
    </message>
    <message>
        <source>Finalise every child&apos;s decision first.</source>
        <translation>Cwblhewch benderfyniad pob plentyn yn gyntaf.</translation>
    </message>
    <message>
        <source>The decision is not complete.</source>
        <translation>Nid yw&apos;r penderfyniad yn gyflawn.</translation>
    </message>
    <message>
        <source>The decision changed while you were confirming.</source>
        <translation>Newidiodd y penderfyniad tra oeddech yn ei gadarnhau.</translation>
    </message>
    <message>
        <source>Write the text first.</source>
        <translation>Ysgrifennwch y testun yn gyntaf.</translation>
    </message>
    <message>
        <source>The decision is still a draft: change it directly; addenda are for finalised decisions.</source>
        <translation>Drafft yw&apos;r penderfyniad o hyd: newidiwch ef yn uniongyrchol; mae atodiadau ar gyfer penderfyniadau terfynol.</translation>
    </message>
    <message>
        <source>The conference cannot move to that status now.</source>
        <translation>Ni all y gynhadledd symud i&apos;r statws hwnnw nawr.</translation>
    </message>
    <message>
        <source>Record the reason.</source>
        <translation>Cofnodwch y rheswm.</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Rhowch enw.</translation>
    </message>
    <message>
        <source>Choose the practitioner&apos;s agency.</source>
        <translation>Dewiswch asiantaeth yr ymarferydd.</translation>
    </message>
    <message>
        <source>Choose at least one child.</source>
        <translation>Dewiswch o leiaf un plentyn.</translation>
    </message>
    <message>
        <source>Describe the action.</source>
        <translation>Disgrifiwch y cam gweithredu.</translation>
    </message>
    <message>
        <source>Write a handover note.</source>
        <translation>Ysgrifennwch nodyn trosglwyddo.</translation>
    </message>
    <message>
        <source>The chair has not approved the record yet.</source>
        <translation>Nid yw&apos;r cadeirydd wedi cymeradwyo&apos;r cofnod eto.</translation>
    </message>
    <message>
        <source>Someone else changed this; reopen it.</source>
        <translation>Mae rhywun arall wedi newid hyn; agorwch ef eto.</translation>
    </message>
    <message>
        <source>The record could not be found.</source>
        <translation>Nid oedd modd dod o hyd i&apos;r cofnod.</translation>
    </message>
    <message>
        <source>The conference details can no longer change.</source>
        <translation>Ni ellir newid manylion y gynhadledd mwyach.</translation>
    </message>
    <message>
        <source>This conference was postponed or was inquorate, so it makes no decisions.</source>
        <translation>Gohiriwyd y gynhadledd hon neu nid oedd cworwm, felly nid yw&apos;n gwneud penderfyniadau.</translation>
    </message>
    <message>
        <source>A child&apos;s decision is already finalised, so the conference cannot be postponed.</source>
        <translation>Mae penderfyniad plentyn eisoes wedi&apos;i gwblhau, felly ni ellir gohirio&apos;r gynhadledd.</translation>
    </message>
    <message>
        <source>A choice was not recognised. Choose again from the list.</source>
        <translation>Ni chafodd dewis ei adnabod. Dewiswch eto o&apos;r rhestr.</translation>
    </message>
    <message>
        <source>That field cannot be changed here.</source>
        <translation>Ni ellir newid y maes hwnnw yma.</translation>
    </message>
    <message>
        <source>The date and time could not be read. Enter them again.</source>
        <translation>Nid oedd modd darllen y dyddiad a&apos;r amser. Rhowch nhw eto.</translation>
    </message>
    <message>
        <source>Choose the chair&apos;s or the minute-taker&apos;s seat.</source>
        <translation>Dewiswch rôl y cadeirydd neu rôl y cofnodwr.</translation>
    </message>
    <message>
        <source>Some details are missing or not valid.</source>
        <translation>Mae rhai manylion ar goll neu&apos;n annilys.</translation>
    </message>
    <message>
        <source>Choose between 1 and 15 minutes.</source>
        <translation>Dewiswch rhwng 1 a 15 munud.</translation>
    </message>
    <message>
        <source>Your administrator has fixed this setting for this computer, so it cannot be changed here.</source>
        <translation>Mae eich gweinyddwr wedi pennu&apos;r gosodiad hwn ar gyfer y cyfrifiadur hwn, felly ni ellir ei newid yma.</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Aeth rhywbeth o&apos;i le (%1).</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Step up</source>
        <translation>Cam i f&amp;yny</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Cam i &amp;lawr</translation>
    </message>
    <message>
        <source>&amp;Select All</source>
        <translation>Dewis y cyfa&amp;n</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Dangos y manylion...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Cuddio&apos;r manylion...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Cadw&apos;r cyfan</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ie</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ie i&apos;r c&amp;yfan</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Na</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Na i&apos;r cyfa&amp;n</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Rhoi&apos;r gorau iddi</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Rhoi cynnig arall arni</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Anwybyddu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Taflu</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Cymorth</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Gweithredu</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Ailosod</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Adfer y rhagosodiadau</translation>
    </message>
</context>
<context>
    <name>QScrollBar</name>
    <message>
        <source>Scroll here</source>
        <translation>Sgrolio i fan hyn</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>Ymyl chwith</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Brig</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>Ymyl dde</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Gwaelod</translation>
    </message>
    <message>
        <source>Page left</source>
        <translation>Tudalen i&apos;r chwith</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>Tudalen i fyny</translation>
    </message>
    <message>
        <source>Page right</source>
        <translation>Tudalen i&apos;r dde</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>Tudalen i lawr</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>Sgrolio i&apos;r chwith</translation>
    </message>
    <message>
        <source>Scroll up</source>
        <translation>Sgrolio i fyny</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>Sgrolio i&apos;r dde</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translation>Sgrolio i lawr</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <source>Scroll Left</source>
        <translation>Sgrolio i&apos;r chwith</translation>
    </message>
    <message>
        <source>Scroll Right</source>
        <translation>Sgrolio i&apos;r dde</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copïo lleoliad y ddo&amp;len</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Place</source>
        <extracomment>Names of the drafted fields that are not minutes sections (minutes sections use their labels).</extracomment>
        <translation>Lleoliad</translation>
    </message>
    <message>
        <source>Chair&apos;s reason for proceeding</source>
        <translation>Rheswm y cadeirydd dros fwrw ymlaen</translation>
    </message>
    <message>
        <source>Reason for postponing</source>
        <translation>Rheswm dros ohirio</translation>
    </message>
    <message>
        <source>Participant&apos;s name (not yet added)</source>
        <translation>Enw&apos;r cyfranogwr (heb ei ychwanegu eto)</translation>
    </message>
    <message>
        <source>Participant&apos;s role (not yet added)</source>
        <translation>Rôl y cyfranogwr (heb ei hychwanegu eto)</translation>
    </message>
    <message>
        <source>Plan action (not yet added)</source>
        <translation>Cam gweithredu&apos;r cynllun (heb ei ychwanegu eto)</translation>
    </message>
    <message>
        <source>Action owner (not yet added)</source>
        <translation>Pwy sy&apos;n gyfrifol am y cam (heb ei ychwanegu eto)</translation>
    </message>
    <message>
        <source>Core group member (not yet added)</source>
        <translation>Aelod o&apos;r grŵp craidd (heb ei ychwanegu eto)</translation>
    </message>
    <message>
        <source>Recipient (not yet added)</source>
        <translation>Derbynnydd (heb ei ychwanegu eto)</translation>
    </message>
    <message>
        <source>Why advocacy was not offered</source>
        <translation>Pam na chynigiwyd eiriolaeth</translation>
    </message>
    <message>
        <source>Wishes and feelings</source>
        <translation>Dymuniadau a theimladau</translation>
    </message>
    <message>
        <source>Why the voice could not be recorded</source>
        <translation>Pam nad oedd modd cofnodi llais y plentyn</translation>
    </message>
    <message>
        <source>Co-ordinator</source>
        <translation>Cydgysylltydd</translation>
    </message>
    <message>
        <source>Decision rationale</source>
        <translation>Rhesymeg y penderfyniad</translation>
    </message>
    <message>
        <source>Decision evidence</source>
        <translation>Tystiolaeth y penderfyniad</translation>
    </message>
    <message>
        <source>Support plan if not registered</source>
        <translation>Cynllun cymorth os na chaiff ei gofrestru</translation>
    </message>
    <message>
        <source>Evidence of change</source>
        <translation>Tystiolaeth o newid</translation>
    </message>
    <message>
        <source>Chair&apos;s reason</source>
        <translation>Rheswm y cadeirydd</translation>
    </message>
    <message>
        <source>Dissent</source>
        <translation>Anghytuno</translation>
    </message>
    <message>
        <source>Risks of harm</source>
        <translation>Risgiau o niwed</translation>
    </message>
    <message>
        <source>How the plan keeps the child safe</source>
        <translation>Sut mae&apos;r cynllun yn cadw&apos;r plentyn yn ddiogel</translation>
    </message>
    <message>
        <source>Recover unsaved text</source>
        <translation>Adfer testun heb ei gadw</translation>
    </message>
    <message>
        <source>Cofnod did not close properly last time. Unsaved text was kept. Tick what to restore; the rest is discarded.</source>
        <translation>Ni chaeodd Cofnod yn iawn y tro diwethaf. Cafodd y testun heb ei gadw ei gadw fel drafft. Ticiwch beth i&apos;w adfer; caiff y gweddill ei daflu.</translation>
    </message>
    <message>
        <source>Recovered drafts</source>
        <translation>Drafftiau a adferwyd</translation>
    </message>
    <message>
        <source>Recovered draft text</source>
        <translation>Testun y drafft a adferwyd</translation>
    </message>
    <message>
        <source>Saved record text</source>
        <translation>Testun y cofnod a gadwyd</translation>
    </message>
    <message>
        <source>&amp;Restore ticked drafts</source>
        <translation>&amp;Adfer y drafftiau a diciwyd</translation>
    </message>
    <message>
        <source>Decide &amp;later</source>
        <translation>Penderfynu &amp;wedyn</translation>
    </message>
    <message>
        <source>The draft is newer than the saved record.</source>
        <translation>Mae&apos;r drafft yn fwy diweddar na&apos;r cofnod a gadwyd.</translation>
    </message>
    <message>
        <source>The saved record is newer than the draft.</source>
        <translation>Mae&apos;r cofnod a gadwyd yn fwy diweddar na&apos;r drafft.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>dim</translation>
    </message>
    <message>
        <source>%1, %2: draft from %3; record saved %4. %5</source>
        <translation>%1, %2: drafft o %3; amser cadw&apos;r cofnod: %4. %5</translation>
    </message>
    <message>
        <source>Your unsaved draft (saved at %1) — newer</source>
        <translation>Eich drafft heb ei gadw (cadwyd %1) — mwy diweddar</translation>
    </message>
    <message>
        <source>Your unsaved draft (saved at %1) — older</source>
        <translation>Eich drafft heb ei gadw (cadwyd %1) — hŷn</translation>
    </message>
    <message>
        <source>The saved record (never saved)</source>
        <translation>Y cofnod a gadwyd (heb ei gadw erioed)</translation>
    </message>
    <message>
        <source>The saved record (saved at %1) — older</source>
        <translation>Y cofnod a gadwyd (cadwyd %1) — hŷn</translation>
    </message>
    <message>
        <source>The saved record (saved at %1) — newer</source>
        <translation>Y cofnod a gadwyd (cadwyd %1) — mwy diweddar</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>Repeat it</source>
        <translation>Rhowch ef eto</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>Rhowch ef eto:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Enter it to continue.</source>
        <translation>Rhowch ef i barhau.</translation>
    </message>
    <message>
        <source>The two entries differ.</source>
        <translation>Nid yw&apos;r ddau&apos;n cyfateb.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Llwybrau byr y bysellfwrdd</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Beth mae&apos;n ei wneud</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Bysellau</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>The user name or password is not right. Try again.</source>
        <extracomment>(address, CA file or None, user name, password) -&gt; anything; raises SyncError on failure.</extracomment>
        <translation>Nid yw&apos;r enw defnyddiwr neu&apos;r cyfrinair yn gywir. Rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Too many tries. Wait a few minutes, then try again.</source>
        <translation>Gormod o gynigion. Arhoswch ychydig funudau, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>The register&apos;s certificate is not trusted, so Cofnod did not send your password. Check the address and the CA file with your administrator.</source>
        <translation>Nid oes modd ymddiried yn nhystysgrif y gofrestr, felly nid anfonodd Cofnod eich cyfrinair. Gwiriwch y cyfeiriad a&apos;r ffeil CA gyda&apos;ch gweinyddwr.</translation>
    </message>
    <message>
        <source>The register could not be reached. Check the address and the network, then try again.</source>
        <translation>Nid oedd modd cyrraedd y gofrestr. Gwiriwch y cyfeiriad a&apos;r rhwydwaith, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>An administrator has withdrawn this computer&apos;s access.</source>
        <translation>Mae gweinyddwr wedi tynnu mynediad y cyfrifiadur hwn yn ôl.</translation>
    </message>
    <message>
        <source>This version of Cofnod is too old for the register.</source>
        <translation>Mae&apos;r fersiwn hon o Cofnod yn rhy hen i&apos;r gofrestr.</translation>
    </message>
    <message>
        <source>Enter the register&apos;s address, starting https://.</source>
        <translation>Rhowch gyfeiriad y gofrestr, yn dechrau https://.</translation>
    </message>
    <message>
        <source>Sign in to the register</source>
        <translation>Mewngofnodi i&apos;r gofrestr</translation>
    </message>
    <message>
        <source>Sign in once on this computer so Cofnod can sync with your council&apos;s register.</source>
        <translation>Mewngofnodwch unwaith ar y cyfrifiadur hwn fel y gall Cofnod gysoni â chofrestr eich cyngor.</translation>
    </message>
    <message>
        <source>Register &amp;address:</source>
        <translation>C&amp;yfeiriad y gofrestr:</translation>
    </message>
    <message>
        <source>&amp;CA file (if your administrator gave one):</source>
        <translation>Ffeil &amp;CA (os rhoddodd eich gweinyddwr un):</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Enw defnyddiwr:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>C&amp;yfrinair:</translation>
    </message>
    <message>
        <source>Your administrator has set the register for this computer.</source>
        <translation>Mae eich gweinyddwr wedi gosod y gofrestr ar gyfer y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Mewngofnodi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Rhowch eich enw defnyddiwr a&apos;ch cyfrinair.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Wrthi&apos;n mewngofnodi…</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>sending</source>
        <translation>anfon</translation>
    </message>
    <message>
        <source>sending again</source>
        <translation>anfon eto</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>derbyn</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>cysylltu</translation>
    </message>
    <message>
        <source>Syncing: %1, %2 changes, %3</source>
        <translation>Yn cysoni: %1, %2 newid, %3</translation>
    </message>
    <message>
        <source>This computer&apos;s access to the register was withdrawn</source>
        <translation>Tynnwyd mynediad y cyfrifiadur hwn i&apos;r gofrestr yn ôl</translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>Mewngofnodwch eto i gysoni</translation>
    </message>
    <message>
        <source>The register&apos;s certificate is not trusted: not syncing</source>
        <translation>Nid oes modd ymddiried yn nhystysgrif y gofrestr: dim cysoni</translation>
    </message>
    <message>
        <source>Another Cofnod is syncing this profile</source>
        <translation>Mae Cofnod arall yn cysoni&apos;r proffil hwn</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>All-lein</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Heb gysoni eto</translation>
    </message>
    <message>
        <source>The last sync did not finish</source>
        <translation>Ni orffennodd y cysoni diwethaf</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Ar-lein</translation>
    </message>
    <message>
        <source>%1 changes waiting to be sent</source>
        <translation>%1 newid yn aros i&apos;w hanfon</translation>
    </message>
    <message>
        <source>last synced %1</source>
        <translation>cysonwyd ddiwethaf %1</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Angen sylw: %1</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Cynnydd cysoni</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Today&apos;s conferences</source>
        <extracomment>The conference tables&apos; column of children&apos;s names, which takes the spare width. Pause after the last key before the conference list is filtered.</extracomment>
        <translation>Cynadleddau heddiw</translation>
    </message>
    <message>
        <source>No conferences today.</source>
        <translation>Dim cynadleddau heddiw.</translation>
    </message>
    <message>
        <source>Later this week</source>
        <translation>Yn nes ymlaen yr wythnos hon</translation>
    </message>
    <message>
        <source>No more conferences this week.</source>
        <translation>Dim rhagor o gynadleddau yr wythnos hon.</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Yn hwyr</translation>
    </message>
    <message>
        <source>Nothing is overdue.</source>
        <translation>Does dim byd yn hwyr.</translation>
    </message>
    <message>
        <source>Records awaiting approval</source>
        <translation>Cofnodion yn aros i&apos;w cymeradwyo</translation>
    </message>
    <message>
        <source>No records are waiting for approval.</source>
        <translation>Does dim cofnodion yn aros i&apos;w cymeradwyo.</translation>
    </message>
    <message>
        <source>Search by child&apos;s name or reference</source>
        <translation>Chwilio yn ôl enw&apos;r plentyn neu&apos;r cyfeirnod</translation>
    </message>
    <message>
        <source>Child&apos;s name or reference</source>
        <translation>Enw&apos;r plentyn neu&apos;r cyfeirnod</translation>
    </message>
    <message>
        <source>Filter by type</source>
        <translation>Hidlo yn ôl math</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Hidlo yn ôl statws</translation>
    </message>
    <message>
        <source>Filter by timescale</source>
        <translation>Hidlo yn ôl amserlen</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Chwilio:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Math:</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>S&amp;tatws:</translation>
    </message>
    <message>
        <source>Ti&amp;mescale:</source>
        <translation>&amp;Amserlen:</translation>
    </message>
    <message>
        <source>&amp;New conference…</source>
        <translation>Cynhadledd &amp;newydd…</translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation>Cynadleddau</translation>
    </message>
    <message>
        <source>Conferences found: %1</source>
        <translation>Cynadleddau a ganfuwyd: %1</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>Heb ei gofrestru</translation>
    </message>
    <message>
        <source>Search children by name</source>
        <translation>Chwilio am blant yn ôl enw</translation>
    </message>
    <message>
        <source>&amp;Registered only</source>
        <translation>&amp;Ar y gofrestr yn unig</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Plant</translation>
    </message>
    <message>
        <source>Register history</source>
        <translation>Hanes y gofrestr</translation>
    </message>
    <message>
        <source>New co-ordinator</source>
        <translation>Cydgysylltydd newydd</translation>
    </message>
    <message>
        <source>From</source>
        <translation>O&apos;r dyddiad</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation>Nodyn trosglwyddo</translation>
    </message>
    <message>
        <source>Family &amp;told, in person and in writing</source>
        <translation>Dywedwyd wrth y te&amp;ulu, wyneb yn wyneb ac yn ysgrifenedig</translation>
    </message>
    <message>
        <source>A&amp;gencies told, in person and in writing</source>
        <translation>Dywedwyd wrth yr as&amp;iantaethau, wyneb yn wyneb ac yn ysgrifenedig</translation>
    </message>
    <message>
        <source>New &amp;co-ordinator:</source>
        <translation>Cydgysylltydd &amp;newydd:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>O&apos;r &amp;dyddiad:</translation>
    </message>
    <message>
        <source>&amp;Handover note:</source>
        <translation>Nodyn &amp;trosglwyddo:</translation>
    </message>
    <message>
        <source>Change co-&amp;ordinator</source>
        <translation>Newid y cydgy&amp;sylltydd</translation>
    </message>
    <message>
        <source>New child&apos;s given names</source>
        <translation>Enwau cyntaf y plentyn newydd</translation>
    </message>
    <message>
        <source>New child&apos;s family name</source>
        <translation>Cyfenw&apos;r plentyn newydd</translation>
    </message>
    <message>
        <source>New child&apos;s date of birth</source>
        <translation>Dyddiad geni&apos;r plentyn newydd</translation>
    </message>
    <message>
        <source>Gi&amp;ven names:</source>
        <translation>&amp;Enwau cyntaf:</translation>
    </message>
    <message>
        <source>Famil&amp;y name:</source>
        <translation>Cyfen&amp;w:</translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation>Dyddiad &amp;geni:</translation>
    </message>
    <message>
        <source>A&amp;dd child</source>
        <translation>Ychwanegu &amp;plentyn</translation>
    </message>
    <message>
        <source>18th birthday: %1</source>
        <translation>Pen-blwydd yn 18 oed: %1</translation>
    </message>
    <message>
        <source>Registrations:</source>
        <translation>Cofrestriadau:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Dim</translation>
    </message>
    <message>
        <source>Co-ordinators:</source>
        <translation>Cydgysylltwyr:</translation>
    </message>
    <message>
        <source>(named by %1)</source>
        <translation>(enwyd gan %1)</translation>
    </message>
    <message>
        <source>Conferences:</source>
        <translation>Cynadleddau:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Iaith y rhyngwyneb</translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation>Cynllun lliw</translation>
    </message>
    <message>
        <source>Minutes before locking</source>
        <translation>Munudau cyn cloi</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Eich enw</translation>
    </message>
    <message>
        <source>Your seat</source>
        <translation>Eich rôl</translation>
    </message>
    <message>
        <source>Closure day</source>
        <translation>Diwrnod cau</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Iaith:</translation>
    </message>
    <message>
        <source>Colour &amp;scheme:</source>
        <translation>&amp;Cynllun lliw:</translation>
    </message>
    <message>
        <source>&amp;Lock after (minutes):</source>
        <translation>C&amp;loi ar ôl (munudau):</translation>
    </message>
    <message>
        <source>Set by your administrator for this computer.</source>
        <translation>Wedi&apos;i osod gan eich gweinyddwr ar gyfer y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Eich e&amp;nw:</translation>
    </message>
    <message>
        <source>Your s&amp;eat:</source>
        <translation>Eich &amp;rôl:</translation>
    </message>
    <message>
        <source>&amp;Closure day:</source>
        <translation>&amp;Diwrnod cau:</translation>
    </message>
    <message>
        <source>Save &amp;you and your seat</source>
        <translation>Cadw&apos;ch &amp;enw a&apos;ch rôl</translation>
    </message>
    <message>
        <source>Save lock &amp;time</source>
        <translation>Cadw&apos;r &amp;amser cloi</translation>
    </message>
    <message>
        <source>&amp;Add closure day</source>
        <translation>&amp;Ychwanegu diwrnod cau</translation>
    </message>
    <message>
        <source>No closure days</source>
        <translation>Dim diwrnodau cau</translation>
    </message>
    <message>
        <source>Conference type</source>
        <translation>Math o gynhadledd</translation>
    </message>
    <message>
        <source>&amp;Unborn child</source>
        <translation>Plentyn &amp;heb ei eni</translation>
    </message>
    <message>
        <source>Conference date</source>
        <translation>Dyddiad y gynhadledd</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lleoliad</translation>
    </message>
    <message>
        <source>In person or remote</source>
        <translation>Wyneb yn wyneb neu o bell</translation>
    </message>
    <message>
        <source>Language of the conference</source>
        <translation>Iaith y gynhadledd</translation>
    </message>
    <message>
        <source>Welsh &amp;Active Offer made</source>
        <translation>&amp;Gwnaed y Cynnig Rhagweithiol (Cymraeg)</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Cadeirydd</translation>
    </message>
    <message>
        <source>Minute-taker</source>
        <translation>Cofnodwr</translation>
    </message>
    <message>
        <source>Minuting</source>
        <translation>Dull cofnodi</translation>
    </message>
    <message>
        <source>Strategy discussion date</source>
        <translation>Dyddiad y drafodaeth strategaeth</translation>
    </message>
    <message>
        <source>Previous conference date</source>
        <translation>Dyddiad y gynhadledd flaenorol</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>Ma&amp;th:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>Dyddi&amp;ad:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Ll&amp;eoliad:</translation>
    </message>
    <message>
        <source>In person or &amp;remote:</source>
        <translation>Wyneb yn wyneb ne&amp;u o bell:</translation>
    </message>
    <message>
        <source>C&amp;hair:</source>
        <translation>Cadei&amp;rydd:</translation>
    </message>
    <message>
        <source>&amp;Minute-taker:</source>
        <translation>Cofnod&amp;wr:</translation>
    </message>
    <message>
        <source>M&amp;inuting:</source>
        <translation>Dull co&amp;fnodi:</translation>
    </message>
    <message>
        <source>&amp;Strategy discussion:</source>
        <translation>Trafodaeth &amp;strategaeth:</translation>
    </message>
    <message>
        <source>Pre&amp;vious conference:</source>
        <translation>Cynhadledd f&amp;laenorol:</translation>
    </message>
    <message>
        <source>Statutory due date:</source>
        <translation>Dyddiad dyledus statudol:</translation>
    </message>
    <message>
        <source>Children considered:</source>
        <translation>Y plant a ystyrir:</translation>
    </message>
    <message>
        <source>Only the conference&apos;s chair can change the greyed-out fields.</source>
        <translation>Dim ond cadeirydd y gynhadledd all newid y meysydd sydd wedi&apos;u llwydo.</translation>
    </message>
    <message>
        <source>&amp;Save details</source>
        <translation>&amp;Cadw&apos;r manylion</translation>
    </message>
    <message>
        <source>Enter the anchor date to work out the due date.</source>
        <translation>Rhowch y dyddiad cychwyn er mwyn cyfrifo&apos;r dyddiad dyledus.</translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation>Cworwm</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Cyfranogwyr</translation>
    </message>
    <message>
        <source>Participant&apos;s name</source>
        <translation>Enw&apos;r cyfranogwr</translation>
    </message>
    <message>
        <source>Taking part as</source>
        <translation>Yn cymryd rhan fel</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Asiantaeth</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Presenoldeb</translation>
    </message>
    <message>
        <source>&amp;Add participant</source>
        <translation>Ychwanegu &amp;cyfranogwr</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Enw:</translation>
    </message>
    <message>
        <source>As:</source>
        <translation>Fel:</translation>
    </message>
    <message>
        <source>A&amp;gency:</source>
        <translation>&amp;Asiantaeth:</translation>
    </message>
    <message>
        <source>Ro&amp;le:</source>
        <translation>&amp;Rôl:</translation>
    </message>
    <message>
        <source>Attendance:</source>
        <translation>Presenoldeb:</translation>
    </message>
    <message>
        <source>New attendance for the selected participant</source>
        <translation>Presenoldeb newydd ar gyfer y cyfranogwr a ddewiswyd</translation>
    </message>
    <message>
        <source>Set s&amp;tatus</source>
        <translation>Gosod y s&amp;tatws</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Cyfieithydd</translation>
    </message>
    <message>
        <source>Advocate</source>
        <translation>Eiriolwr</translation>
    </message>
    <message>
        <source>Excluded from the &amp;decision</source>
        <translation>Wedi&apos;i wahardd o&apos;r &amp;penderfyniad</translation>
    </message>
    <message>
        <source>Chair&apos;s reason for proceeding with two agencies</source>
        <translation>Rheswm y cadeirydd dros fwrw ymlaen â dwy asiantaeth</translation>
    </message>
    <message>
        <source>Record &amp;reason</source>
        <translation>Cofnodi&apos;r r&amp;heswm</translation>
    </message>
    <message>
        <source>Reason for postponing</source>
        <translation>Rheswm dros ohirio</translation>
    </message>
    <message>
        <source>&amp;Postpone…</source>
        <translation>&amp;Gohirio…</translation>
    </message>
    <message>
        <source>Start the &amp;conference</source>
        <translation>Dechra&amp;u&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Chair&apos;s reason:</source>
        <translation>Rheswm y cadeirydd:</translation>
    </message>
    <message>
        <source>Postponement:</source>
        <translation>Gohirio:</translation>
    </message>
    <message>
        <source>Quorum: %1 (agencies present: %2)</source>
        <translation>Cworwm: %1 (asiantaethau sy&apos;n bresennol: %2)</translation>
    </message>
    <message>
        <source>Postpone this conference? A new sitting will be needed.</source>
        <translation>Gohirio&apos;r gynhadledd hon? Bydd angen trefnu cyfarfod newydd.</translation>
    </message>
    <message>
        <source>Postpone</source>
        <translation>Gohirio</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Plentyn</translation>
    </message>
    <message>
        <source>How the child took part</source>
        <translation>Sut y cymerodd y plentyn ran</translation>
    </message>
    <message>
        <source>Advocacy offer</source>
        <translation>Cynnig eiriolaeth</translation>
    </message>
    <message>
        <source>Why advocacy has not been offered</source>
        <translation>Pam nad yw eiriolaeth wedi&apos;i chynnig</translation>
    </message>
    <message>
        <source>Wishes and feelings</source>
        <translation>Dymuniadau a theimladau</translation>
    </message>
    <message>
        <source>Child&apos;s language</source>
        <translation>Iaith y plentyn</translation>
    </message>
    <message>
        <source>The chair &amp;met the child beforehand</source>
        <translation>Cyf&amp;arfu&apos;r cadeirydd â&apos;r plentyn ymlaen llaw</translation>
    </message>
    <message>
        <source>&amp;Debrief offered</source>
        <translation>Cynigiwyd sesiwn ôl-dra&amp;fod</translation>
    </message>
    <message>
        <source>Why the voice could not be recorded</source>
        <translation>Pam nad oedd modd cofnodi llais y plentyn</translation>
    </message>
    <message>
        <source>C&amp;hild:</source>
        <translation>Pl&amp;entyn:</translation>
    </message>
    <message>
        <source>&amp;Took part:</source>
        <translation>Sut y cymerodd &amp;ran:</translation>
    </message>
    <message>
        <source>Advocacy &amp;offer:</source>
        <translation>Cynni&amp;g eiriolaeth:</translation>
    </message>
    <message>
        <source>Not offered because:</source>
        <translation>Heb ei gynnig oherwydd:</translation>
    </message>
    <message>
        <source>&amp;Wishes and feelings:</source>
        <translation>Dymuniadau a &amp;theimladau:</translation>
    </message>
    <message>
        <source>Not recorded because:</source>
        <translation>Heb ei gofnodi oherwydd:</translation>
    </message>
    <message>
        <source>&amp;Save voice</source>
        <translation>&amp;Cadw llais y plentyn</translation>
    </message>
    <message>
        <source>The child&apos;s voice is complete.</source>
        <translation>Mae llais y plentyn yn gyflawn.</translation>
    </message>
    <message>
        <source>Sections of the record</source>
        <translation>Adrannau&apos;r cofnod</translation>
    </message>
    <message>
        <source>Section text</source>
        <translation>Testun yr adran</translation>
    </message>
    <message>
        <source>&amp;Save section</source>
        <translation>&amp;Cadw&apos;r adran</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Hanes…</translation>
    </message>
    <message>
        <source>Unsaved draft from %1 restored.</source>
        <translation>Adferwyd drafft heb ei gadw o %1.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Wedi&apos;i gadw</translation>
    </message>
    <message>
        <source>Draft kept at %1</source>
        <translation>Drafft wedi&apos;i gadw am %1</translation>
    </message>
    <message>
        <source>The test: is the child experiencing, or at risk of, abuse (physical, emotional, psychological, financial or sexual) or neglect? Practitioners decide, for each child separately.</source>
        <translation>Y prawf: a yw&apos;r plentyn yn dioddef cam-drin (corfforol, emosiynol, seicolegol, ariannol neu rywiol) neu esgeulustod, neu mewn perygl o hynny? Yr ymarferwyr sy&apos;n penderfynu, ar gyfer pob plentyn ar wahân.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>Co-ordinator</source>
        <translation>Cydgysylltydd</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Rhesymeg</translation>
    </message>
    <message>
        <source>Evidence, one item a line</source>
        <translation>Tystiolaeth, un eitem ar bob llinell</translation>
    </message>
    <message>
        <source>Support plan if not registered</source>
        <translation>Cynllun cymorth os na chaiff ei gofrestru</translation>
    </message>
    <message>
        <source>Evidence of change (deregistration)</source>
        <translation>Tystiolaeth o newid (dadgofrestru)</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Cyflwr:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>C&amp;anlyniad:</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>Categorïau:</translation>
    </message>
    <message>
        <source>Co-or&amp;dinator:</source>
        <translation>Cyd&amp;gysylltydd:</translation>
    </message>
    <message>
        <source>&amp;Rationale:</source>
        <translation>&amp;Rhesymeg:</translation>
    </message>
    <message>
        <source>&amp;Evidence:</source>
        <translation>&amp;Tystiolaeth:</translation>
    </message>
    <message>
        <source>Support plan:</source>
        <translation>Cynllun cymorth:</translation>
    </message>
    <message>
        <source>Evidence of change:</source>
        <translation>Tystiolaeth o newid:</translation>
    </message>
    <message>
        <source>Each present practitioner&apos;s view</source>
        <translation>Barn pob ymarferydd sy&apos;n bresennol</translation>
    </message>
    <message>
        <source>The c&amp;hair decides (no consensus)</source>
        <translation>Y cadeirydd sy&apos;n penderfynu (dim con&amp;sensws)</translation>
    </message>
    <message>
        <source>Chair&apos;s reason</source>
        <translation>Rheswm y cadeirydd</translation>
    </message>
    <message>
        <source>&amp;Save decision</source>
        <translation>&amp;Cadw&apos;r penderfyniad</translation>
    </message>
    <message>
        <source>&amp;Finalise…</source>
        <translation>C&amp;wblhau…</translation>
    </message>
    <message>
        <source>View of %1</source>
        <translation>Barn %1</translation>
    </message>
    <message>
        <source>Dissent of %1</source>
        <translation>Anghytundeb %1</translation>
    </message>
    <message>
        <source>Dissent: why they disagree</source>
        <translation>Anghytuno: pam maen nhw&apos;n anghytuno</translation>
    </message>
    <message>
        <source>Consensus: yes</source>
        <translation>Consensws: oes</translation>
    </message>
    <message>
        <source>Consensus: no</source>
        <translation>Consensws: nac oes</translation>
    </message>
    <message>
        <source>This decision is read-only. It awaits the register&apos;s confirmation, which sync will bring.</source>
        <translation>Ni ellir golygu&apos;r penderfyniad hwn. Mae&apos;n aros i&apos;r gofrestr ei gadarnhau, a daw&apos;r cadarnhad wrth gysoni.</translation>
    </message>
    <message>
        <source>Complete the items listed above to finalise.</source>
        <translation>Cwblhewch yr eitemau a restrir uchod er mwyn cwblhau&apos;r penderfyniad.</translation>
    </message>
    <message>
        <source>Full copy</source>
        <translation>Copi llawn</translation>
    </message>
    <message>
        <source>Partial copy</source>
        <translation>Copi rhannol</translation>
    </message>
    <message>
        <source>Risks of harm</source>
        <translation>Risgiau o niwed</translation>
    </message>
    <message>
        <source>How the plan keeps the child safe</source>
        <translation>Sut mae&apos;r cynllun yn cadw&apos;r plentyn yn ddiogel</translation>
    </message>
    <message>
        <source>First core group meeting</source>
        <translation>Cyfarfod cyntaf y grŵp craidd</translation>
    </message>
    <message>
        <source>&amp;Risks:</source>
        <translation>&amp;Risgiau:</translation>
    </message>
    <message>
        <source>&amp;Keeping safe:</source>
        <translation>Cadw&apos;n ddio&amp;gel:</translation>
    </message>
    <message>
        <source>First &amp;core group:</source>
        <translation>Grŵp craidd cyn&amp;taf:</translation>
    </message>
    <message>
        <source>&amp;Save plan</source>
        <translation>&amp;Cadw&apos;r cynllun</translation>
    </message>
    <message>
        <source>Plan actions</source>
        <translation>Camau gweithredu&apos;r cynllun</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Cam gweithredu</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Pwy sy&apos;n gyfrifol</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Dyddiad dyledus</translation>
    </message>
    <message>
        <source>Add &amp;action</source>
        <translation>Ychwanegu cam gweithred&amp;u</translation>
    </message>
    <message>
        <source>Core group</source>
        <translation>Grŵp craidd</translation>
    </message>
    <message>
        <source>Core group member</source>
        <translation>Aelod o&apos;r grŵp craidd</translation>
    </message>
    <message>
        <source>Member&apos;s agency</source>
        <translation>Asiantaeth yr aelod</translation>
    </message>
    <message>
        <source>Add &amp;member</source>
        <translation>Ychwanegu &amp;aelod</translation>
    </message>
    <message>
        <source>Due by %1 (10 working days after the conference)</source>
        <translation>Erbyn %1 (10 diwrnod gwaith ar ôl y gynhadledd)</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Derbynwyr</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Derbynnydd</translation>
    </message>
    <message>
        <source>F&amp;ull copy</source>
        <translation>Copi lla&amp;wn</translation>
    </message>
    <message>
        <source>Language of the copy</source>
        <translation>Iaith y copi</translation>
    </message>
    <message>
        <source>Add &amp;recipient</source>
        <translation>Ychwanegu de&amp;rbynnydd</translation>
    </message>
    <message>
        <source>Mark selected as sent &amp;today</source>
        <translation>Nodi bod y copi a ddewiswyd wedi&apos;i anfon &amp;heddiw</translation>
    </message>
    <message>
        <source>De&amp;tails</source>
        <translation>Ma&amp;nylion</translation>
    </message>
    <message>
        <source>&amp;Attendance</source>
        <translation>&amp;Presenoldeb</translation>
    </message>
    <message>
        <source>Child&apos;s &amp;voice</source>
        <translation>&amp;Llais y plentyn</translation>
    </message>
    <message>
        <source>&amp;Minutes</source>
        <translation>C&amp;ofnodion</translation>
    </message>
    <message>
        <source>D&amp;ecisions</source>
        <translation>Pen&amp;derfyniadau</translation>
    </message>
    <message>
        <source>Outline &amp;plan</source>
        <translation>Cynllun a&amp;mlinellol</translation>
    </message>
    <message>
        <source>Distri&amp;bution</source>
        <translation>Dos&amp;barthu</translation>
    </message>
    <message>
        <source>Appro&amp;ve record…</source>
        <translation>Cymeradw&amp;yo&apos;r cofnod…</translation>
    </message>
    <message>
        <source>Documents…</source>
        <translation>Dogfennau…</translation>
    </message>
    <message>
        <source>Conference sections</source>
        <translation>Adrannau&apos;r gynhadledd</translation>
    </message>
    <message>
        <source>Unsaved text was put back into its fields. It stays a draft until you save it.</source>
        <translation>Rhoddwyd testun heb ei gadw yn ôl yn ei feysydd. Bydd yn aros yn ddrafft nes i chi ei gadw.</translation>
    </message>
    <message>
        <source>The record was approved on %1.</source>
        <translation>Cymeradwywyd y cofnod ar %1.</translation>
    </message>
    <message>
        <source>Approve the record? Its text cannot change afterwards; it can then be distributed.</source>
        <translation>Cymeradwyo&apos;r cofnod? Ni fydd modd newid ei destun wedyn; yna gellir ei ddosbarthu.</translation>
    </message>
    <message>
        <source>Approve the record</source>
        <translation>Cymeradwyo&apos;r cofnod</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Cymeradwyo</translation>
    </message>
    <message>
        <source>Last quarter</source>
        <translation>Y chwarter diwethaf</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Y 12 mis diwethaf</translation>
    </message>
    <message>
        <source>Dates chosen</source>
        <translation>Dyddiadau a ddewiswyd</translation>
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
        <source>Figures: %1</source>
        <translation>Ffigurau: %1</translation>
    </message>
    <message>
        <source>%1: %2 records</source>
        <translation>%1: %2 cofnod</translation>
    </message>
    <message>
        <source>Records behind the figure</source>
        <translation>Y cofnodion y tu ôl i&apos;r ffigur</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cau</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Cyfnod</translation>
    </message>
    <message>
        <source>To</source>
        <translation>I</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Cyfnod:</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>&amp;O:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;I:</translation>
    </message>
    <message>
        <source>The &amp;whole council</source>
        <translation>Y cyngor &amp;cyfan</translation>
    </message>
    <message>
        <source>For a &amp;board (fewer than 5)</source>
        <translation>Ar gyfer &amp;bwrdd (llai na 5)</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Allforio &amp;PDF…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Allforio C&amp;SV…</translation>
    </message>
    <message>
        <source>For a board: counts from 1 to 4 show as “fewer than 5”, no child is named and the lists behind the figures are not shown. The PDF and CSV say the same.</source>
        <translation>Ar gyfer bwrdd: mae niferoedd o 1 i 4 yn ymddangos fel “llai na 5”, ni enwir unrhyw blentyn ac ni ddangosir y rhestrau y tu ôl i&apos;r ffigurau. Mae&apos;r PDF a&apos;r CSV yn dweud yr un peth.</translation>
    </message>
    <message>
        <source>The end of the period is before its start.</source>
        <translation>Mae diwedd y cyfnod cyn ei ddechrau.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Yn cyfrif…</translation>
    </message>
    <message>
        <source>the whole council</source>
        <translation>y cyngor cyfan</translation>
    </message>
    <message>
        <source>the conferences you chair</source>
        <translation>y cynadleddau rydych chi&apos;n eu cadeirio</translation>
    </message>
    <message>
        <source>%1 to %2, %3; produced on %4.</source>
        <translation>%1 i %2, %3; lluniwyd ar %4.</translation>
    </message>
    <message>
        <source>A report for a board names no record: clear “For a board” to see them.</source>
        <translation>Nid yw adroddiad ar gyfer bwrdd yn enwi unrhyw gofnod: cliriwch “Ar gyfer bwrdd” i&apos;w gweld.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dogfennau PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Ffeiliau CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the quality report</source>
        <translation>Allforio&apos;r adroddiad ansawdd</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Yn ysgrifennu %1…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Wedi&apos;i ysgrifennu: %1</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>Nid oedd modd ysgrifennu&apos;r ffeil.</translation>
    </message>
</context>
</TS>
