/**
 * The classifier's bilingual concept lexicon and its matching (see `normalize.ts` for the other
 * views of a message). Pure and deterministic.
 */

/**
 * A bilingual concept lexicon: residents name the same thing in many words (`dziura`, `wyrwa`,
 * `krater`, `ubytek`, `pothole`) and in two languages, while the corpus holds about ten examples per
 * event, only two or three of them in English. Mapping synonyms of both languages to one concept
 * feature lets a model that learnt "concept hole -> POTHOLE" from Polish lines recognise an English
 * `crater in the asphalt`. Concepts are features, not rules: the model learns their weights.
 *
 * Syntax of an entry: a folded prefix (`dziur` matches `dziura`, `dziurze`); `=word` matches the
 * whole token only (for short or ambiguous words: `=las` must not match `laska`); `a+b` is a phrase
 * of consecutive tokens, each part with the same syntax (`brak+=wody`).
 */
const CONCEPTS: Readonly<Record<string, string>> = {
  // roads
  hole: 'dziur wyrw krater ubyt wyboj kolein pothole =hole =holes zapadl zapadni jama wglebien zaglebien sinkhole crater',
  roadway:
    'jezdn asfalt nawierzchn =pas =pasie =pasa =lane =lanes =road roadway asphalt tarmac surface =droga =drogi =drodze =droge carriageway',
  sidewalk:
    'chodnik plyt kostk krawez =bruk trotuar pavement sidewalk footpath =slab =slabs paving walkway kerb curb deptak footway =tiles =tile cobble uskok wystaj potkn =trip tripped',
  trafficLight:
    'sygnaliz traffic+light traffic+lights =signal =signals zielon =green czerwon =red zolt pomarancz amber yellow migaj =miga flashing blink przycisk =button stoplight pedestrian+light walk+signal',
  roadSign:
    'znak oznakow tabliczk =sign =signs signpost ustap+pierwsz give+way =slup =slupek =pole =post drogowskaz road+sign street+sign speed+limit ograniczen nazwa+ulicy lustr mirror',
  trafficOrganisation:
    'organizac+ruch =ruch =ruchu jednokier one+way =oneway objazd detour layout pierwszenst priority przejscie+dla crossing zebra =prog =progi =progow speed predkos pedz speeding strefa+zamieszk skret lewoskret =turn turning =linie markings malowan uklad kierunk direction rondo roundabout skrzyzow junction intersection zmiana+ruchu progi+zwalniaj speed+bump speed+hump chican =slupki bollard zakaz+wjazdu no+entry kontrapas buspas bus+lane wyznacz',
  // lighting
  lamp: 'latarn =lamp =lamps =lampa =lampy =lampe =lampami lamppost oswietl street+light street+lights streetlight streetlamp lighting swiatl swiatel =light =lights zarowk =bulb =bulbs',
  daytime:
    '=dzien =dnia =dniem =dniami =doba =dobe =doby w+poludnie =noon daytime =day =days daylight slonc sunshine =sun =sunny =rano morning non+stop caly+dzien calymi+dniami nie+wylacz wylacz switch timer zegar czujnik zmierzch =lit wlaczon pala+sie pali+sie all+day day+and+night round+the+clock',
  dark: 'nie+swiec nieswiec ciemn dark unlit nieoswietl pitch+black zgaszon gasn zgasl =out nie+pali przepalon mruga migocz flicker',
  // public transport
  stop: 'przystan =wiata =wiaty =wiate =wiacie shelter =stop =stops =peron platform =szyba =szyby =szybe glass pane =lawka =lawki bench zatoczk',
  timetable:
    'rozklad timetable odjazd departure =kurs =kursy =kursu =kursow =linia =linii =line nieaktualn outdated out+of+date tablic =board schedule godziny+odjazd wrong+times departure+board =sip passenger+information',
  ticketMachine:
    'biletomat automat ticket =bilet =biletu =bilety =biletow vending machine monet coin =card kart platn payment terminal =reszty =change paragon receipt kasowni validator nie+wydaje+reszty zjada zjadl swallowed',
  transport: 'autobus tramwaj =metro =bus =buses =tram =trams ztm =skm pociag =train kierowc driver',
  // order and safety
  vehicle:
    '=auto =auta =aut =autem =aucie =autami =autach samoch =car =cars =van =vans vehicle pojazd dostawcz =suv =bmw =ford =audi motocykl motorbike przyczep trailer ciezarow =truck =tir skuter scooter hulajnog kamper camper =motor =taxi taksow',
  parking:
    'parkuj zaparkow parkowan parkowal parkowac =parked parking =parks zastaw blokuj blocking kopert niepelnospraw disabled =brama =bramy =brame =gate driveway wjazd entrance sciezk+rower =bike+lane postoj =stoja wyjazd zastawil odholow =tow =towed towing',
  abandoned:
    'porzuc =wrak =wraku =wraki abandoned wreck rdzew rust bez+tablic no+plates =plates tablic+rejestr flat+tyre flat+tire kapc od+miesiec for+months nie+rusza moved nieuzywan unused bez+kol wheels od+roku for+a+year',
  noise:
    'halas glosn =loud noise noisy muzyk music impreza impre party parties krzycz wrzeszcz wrzask shout scream yell =bass =basy =basow dudni koncert concert wiert drill cisz spac =spia sleep awake obudz budzi szczek bark decybel sasiad neighbour neighbor =wycie rave karaoke glosnik speaker fajerwerk petard firework silnik',
  night: '=noc =nocy =noca nocn night midnight nad+ranem wieczor evening =o+=polnocy late+at+night nocami',
  graffiti:
    'graffit grafit napis =tag =tagi =tags tagged spray sprej wysprej pomaz bazgr zamalow namalow wymalow pomalow painted paint farb swastyk wulgar obrazliw offensive slogan =hasla =hasel mural elewac scian =wall =walls =mur =muru =murze =mury vandal wandal obsceni scribbl bohomaz mazaj sprayer wlepk naklejk sticker',
  drinking:
    'alkohol =pije =pija =pili =pil pijac pijak pijan =picie =piwo =piwa =piwem =piwko wodk libac menel drinking drunk =drink =drinks beer vodka alcohol booze zaczep harass awantur spozyw pijaczk pijus flaszk browar =wino drinkers intoxicated cider =wine',
  // waste and cleanliness
  litter:
    'smiec odpad rubbish trash garbage litter waste =junk butel bottle puszk =cans opakow wrapper folio plastik plastic papier paper =brud brudn zasmiec niedopalk =pety =petow cigarette butts =syf balagan =mess dirty',
  dumping:
    'wysyp dzikie+wysyp gruz =opony =opon =opona tyre =tyres =tire =tires mebl furniture =sofa kanap materac mattress lodowk fridge rubble debris dumped =dump dumping fly+tip wyrzuc podrzuc eternit budowlan construction =worki =workow =worek bags sterta =stos =stosy =gora pile heap zrzuc gruzowisk azbest asbestos styropian tipped nielegaln illegal skrzyn dywan =rtv =agd pralk',
  bin: '=kosz =kosza =kosze =koszu =koszy =koszem =koszach smietnik pojemnik container =bin =bins litter+bin trash+can kubel dustbin wastebasket konten',
  full: 'przepeln =pelny =pelne =pelna =pelen =pelno overflow =full stuffed brim nie+oprozn oprozni emptied =empty wysypuj wyprozn spilling spill',
  collection:
    'odbior odebr odbier nieodebr wywoz wywiez smieciark garbage+truck collection collected collect harmonogram segreg zmieszan =bio gabaryt wielkogabaryt szklo =glass recycl posesj household wspolnot =mpo =firma nie+odebral nie+zabral =zabral =zabrali zabier pickup pick+up picked+up refuse kompost',
  snow: 'snieg sniez odsniez nieodsniez zasp =lod =lodu =lodem =lodzie oblodz gololedz posyp =sol =soli piasek =piaskiem plug =pluga plow plough snow =ice =icy slippery slisk slizg salt grit slush szklank posniegow piaskark solark zimowe+utrzymanie =zima =zimy =zimie winter frost mroz =sopel =sople icicle gritter gritting unploughed uncleared cleared shovel odgarni',
  dead: 'martw niezyw zdechl padni potrac przejechan =dead carcass roadkill run+over killed truchl zwlok =padl =padla =padle =padly rozjechan corpse dead+body',
  animal:
    'zwierz =kot =kota =koty =kotow =kotem =kotek =kotka =kotki =pies =psa =psy =psem =psow =piesek =psiak =lis =lisa =lisy =jez =jeza ptak golab labedz kaczk sarn =dzik =dzika =dziki szczur =kuna =bobr animal =cat =cats kitten =dog =dogs puppy =fox =bird =birds pigeon swan hedgehog =deer =boar =rat =rats wiewior squirrel =kun jastrzab bocian stork =wrona =wrony crow =mewa =mewy gull seagull nietoperz =bat =bats zmij snake sarenk borsuk badger =kret mysz mouse =mice gryzon rodent jelen',
  stray:
    'bezdom bezpan =ranny =ranna =ranne blak wychudz glodn uwiaz przywiaz stray injured =hurt limping kulej wandering hungry agresyw aggressive =bite gryz zablak bez+wlasciciel bez+opieki no+owner ownerless loose+dog schronisk animal+shelter weterynarz =vet =toz bitten pogryz',
  // greenery
  tree: 'drzew =tree =trees konar galaz galez branch =limb =pien =pnia pniak trunk stump brzoz topol =lipa =klon kasztan =dab =debu =oak birch poplar willow wierzb sosn =pine swierk spruce',
  fallen:
    'powal zlama przewroc spadl zwalil wywroc fallen =fell collapsed snapped broke+off burz wichur =wiatr =wiatru storm =wind =winds grozi pochylon leaning sprochn rotten runal runel zablokowal zwisa dangling uprooted spadajac',
  treeCutting:
    'wycin wycieli wyciet scina sciel sciet =pila =pily =pilami chainsaw cut+down cutting felling felled karczo zezwolen permit deweloper developer przycin prune pruning oglow pilarz chopped logging',
  mowing:
    'traw grass =mow =mowed =mown =mowing lawn chwast weed zaros overgrown krzak krzew =bush =bushes pokrzyw nettle ambroz koszen koszon skosz kosic kosiar wykosz kleszcz =ticks wysoka+trawa high+grass long+grass uncut unmown zielsk chaszcz zapuszcz neglected hedge zywoplot',
  playground:
    'plac+zabaw zabaw hustaw zjezdzal piaskown karuzel drabin playground =swing =swings =slide sandpit sandbox climbing seesaw trampolin bujak urzadzenia+zabaw linarium equipment jungle+gym',
  broken:
    'zepsut uszkodz zniszcz polaman pekn pekl rozbit =zbita =zbite wybit broken damaged crack smashed shatter loose =bent wygiet zgiet oderwa odpadl =wisi hanging =torn ostr sharp drzazg splinter gwozdz przechyl krzyw popsut rozwal nie+domyka ruined',
  notWorking:
    'nie+dzial niedzial nieczynn awari not+working doesn+t+work isn+t+working out+of+order poza+eksploat zawiesz freez frozen error =blad =bledem =ekran screen display wyswietl nie+funkcjon szwankuj malfunction faulty out+of+service not+functioning',
  // water
  water:
    '=woda =wody =wode =wodzie =water wodociag =rura =rury =rur rurociag pipe hydrant mpwik wodociagow magistral water+main hydrofor',
  leak: 'wyciek ciekn leje+sie tryska wyplyw zalan zalew podtop kaluz leak burst gush flood spurt fontann fountain podmyw wybija bije+woda gejzer geyser mokro przeciek =leje wylewa',
  noWater:
    'brak+=wody nie+ma+=wody bez+=wody no+water water+supply =kran =kranu =kranow =kranach =tap =taps cisnien pressure nie+leci+woda zakrec odciel odcieto cut+off water+cut hot+water cieplej+=wody',
  sewer:
    'kanaliz studz wpust kratk sciek zator zatkan zapchan niedrozn =cofa smierdz smrod fetor odor stink smell sewer sewage drain gully clogged =blocked backing+up szamb deszcz =rain ulew rynsztok odplyw toilet',
  manhole:
    'wlaz pokryw dekl dekiel manhole =cover =lid otwart =open missing brak+pokryw studni otwor uncovered gaping',
  // environment
  smoke:
    'dym komin smog kopciuch spalan =spala pali+smiec palenie smoke chimney burning =burn fumes stove soot sadz gryzac duszac powietrz =air pollut zanieczyszcz kopci swad =ogien =fire bonfire burning+rubbish',
  forest:
    '=las =lasu =lesie =lasem =lasy =lasach lasek =lasku lesn forest =woods =wood polan szlak trail piknik picnic grill barbecue =bbq ognisk zagajnik grove woodland rezerwat nature+reserve',
  // not incidents
  // The form of a question: also common in reports ("czy ktos to naprawi?"), so kept apart from
  // the administrative topics that mark real information requests.
  questionForm:
    '=czy =jak =ile gdzie kiedy =jaki =jakie =jaka =jakim =how =when =where =what =which can+i do+i =is+there czy+moge how+long how+much is+it+possible dowiedz',
  adminTopic:
    'koszt oplat =cost =costs =fee =fees price wniosek wniosk dokument application document urzad urzed office otwarc opening zamel meldun rejestr register warszawiak rekrutac szkol przedszk zlob deklarac podatek podatk =tax znizk discount abonament =usc slub dowod paszport prawo+jazdy informac procedur formular =form zasilek swiadczen benefit =info',
  // Likewise a proposal's phrasing and the new things proposals ask for.
  proposalForm:
    'propon sugeru sugest przydal warto pomysl fajnie dobrze+by =moze powinn propose suggest =idea would+be =could should great nice+to =wish chcielibysmy postulat =apel wnioskuj inicjatyw initiative',
  newThing:
    'postawi posadz zbudow powstal brakuje potrzeb wiecej =nowy =nowa =nowe =nowej budzet+obywatel install =plant =build =more =add zamiast instead dodatkow additional =extra improve usprawni',
  // Complaints refer to an earlier case, to how it was closed and to how residents were treated.
  caseReference:
    'zgloszen zglaszal zglosil =sprawa =sprawie =sprawy =report reported =case status numer+zgloszenia realizac przekazan forwarded jednostk',
  caseClosure:
    'zamkniet zamkn zamyka odrzuc ponown reopen closed resolved zalatwion niezalatw nie+zalatw unresolved bez+efektu',
  dissatisfaction:
    'reklamac skarg konsultant obslug niegrzecz skandal complaint =rude automated automatyczn nobody+contacted nie+odpisal bez+odzewu odzew ignor dissatisf niezadowol unacceptable kompromit odpowiedz response responded =reply',
};

interface Matcher {
  parts: { text: string; exact: boolean }[];
  concept: string;
}

function compileConcepts(concepts: Readonly<Record<string, string>>): Matcher[] {
  const matchers: Matcher[] = [];
  for (const [concept, entries] of Object.entries(concepts)) {
    for (const entry of entries.split(/\s+/)) {
      if (!entry) continue;
      const parts = entry
        .split('+')
        .map((part) =>
          part.startsWith('=') ? { text: part.slice(1), exact: true } : { text: part, exact: false },
        );
      matchers.push({ parts, concept });
    }
  }
  return matchers;
}

const MATCHERS: readonly Matcher[] = compileConcepts(CONCEPTS);

/** Matchers indexed by the first letter of their first part, so each token tries only a few. */
const MATCHERS_BY_LETTER: ReadonlyMap<string, readonly Matcher[]> = (() => {
  const index = new Map<string, Matcher[]>();
  for (const matcher of MATCHERS) {
    const letter = matcher.parts[0].text[0];
    index.set(letter, [...(index.get(letter) ?? []), matcher]);
  }
  return index;
})();

function partMatches(part: { text: string; exact: boolean }, token: string | undefined): boolean {
  if (token === undefined) return false;
  return part.exact ? token === part.text : token.startsWith(part.text);
}

/**
 * True when `a` and `b` differ by at most one edit: a substitution, an insertion, a deletion or a
 * swap of two adjacent letters (the commonest typos: `latrania`, `latarina`, `altarnia`).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Typo tolerance applies only to lexicon entries at least this long: with shorter ones one edit
 * turns too many unrelated words into matches (`sciek` drain vs `sciel` felled).
 */
const FUZZY_MIN_LENGTH = 6;

function fuzzyMatches(part: { text: string; exact: boolean }, token: string): boolean {
  const length = part.text.length;
  // Typos rarely hit the first letters, and requiring them equal removes most false friends
  // (`ludzie` people vs `lodzie` ice).
  if (length < FUZZY_MIN_LENGTH || token.slice(0, 3) !== part.text.slice(0, 3)) return false;
  if (part.exact) return withinOneEdit(token, part.text);
  for (const candidate of [length - 1, length, length + 1]) {
    if (candidate <= token.length && withinOneEdit(token.slice(0, candidate), part.text)) return true;
  }
  return false;
}

/**
 * The concepts named in a token sequence, once per concept and token position where they match.
 * A token that matches no entry exactly may still match a long single-word entry within one edit;
 * the fallback is tried only then, so a correctly spelled word (`wyciek`, a leak) is never also
 * read as a misspelled neighbour (`wycinka`, felling).
 */
export function conceptsOf(tokens: readonly string[], fuzzy = false): string[] {
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const candidates = MATCHERS_BY_LETTER.get(token[0]) ?? [];
    const seen = new Set<string>();
    for (const matcher of candidates) {
      if (seen.has(matcher.concept)) continue;
      if (matcher.parts.every((part, k) => partMatches(part, tokens[i + k]))) {
        seen.add(matcher.concept);
        found.push(matcher.concept);
      }
    }
    if (!fuzzy || seen.size > 0 || token.length < FUZZY_MIN_LENGTH || token.startsWith('qq')) continue;
    for (const matcher of candidates) {
      if (seen.has(matcher.concept) || matcher.parts.length > 1) continue;
      if (fuzzyMatches(matcher.parts[0], token)) {
        seen.add(matcher.concept);
        found.push(matcher.concept);
      }
    }
  }
  return found;
}
