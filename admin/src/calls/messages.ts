const en = {
  civicflow: {
    calls: {
      title: 'New call',
      new_call: 'New call',
      recent: 'Phone calls',
      caller: 'Caller',
      caller_hint: 'Optional: only what the caller wants to give',
      subject: 'What the call is about',
      location: 'Where',
      street_hint: 'Type part of the street name and pick it from the city register',
      street_searching: 'Searching the street register…',
      street_option: '%{street} (%{district})',
      street_in_register:
        'From the street register: the case gets a map position (%{position}) in %{district}',
      street_not_in_district:
        '%{street} does not run through the chosen district: the case will have no map position',
      street_free_text:
        'Not picked from the register: a place the register does not know gets no map position and no duplicate check; choose the district',
      street_search_failed: 'The street register could not be searched: the street is saved as typed',
      district_hint: 'Filled from the chosen street; change it when the caller says otherwise',
      call_time: 'Call time',
      timer_running: 'timing the call',
      timer_stopped: 'timer stopped',
      end_call: 'End call',
      resume_timer: 'Resume timing',
      duration_format: 'Use minutes:seconds, for example 3:05',
      answered_on_spot: 'Answered on the spot',
      answered_on_spot_hint: 'The case is created already answered and the caller gets the answer by e-mail',
      save: 'Save call',
      recorded: 'Call recorded as case %{number}',
      earlier_cases: "Caller's earlier cases",
      earlier_cases_hint: 'Give an e-mail or a phone number to see what this caller reported before',
      no_earlier_cases: 'No earlier cases for this e-mail or phone',
      looking_up: 'Looking up…',
      lookup_failed: 'The earlier cases could not be loaded',
      matched_by: {
        email: 'by e-mail',
        phone: 'by phone',
      },
    },
  },
  resources: {
    calls: {
      name: 'Phone call |||| Phone calls',
      fields: {
        'caller.name': 'Name',
        'caller.email': 'E-mail',
        'caller.phone': 'Phone',
        kind: 'Kind',
        eventCode: 'Event',
        'location.district': 'District',
        'location.street': 'Street',
        'location.building': 'Building',
        description: 'Description',
        duration: 'Call time (min:s)',
        answeredOnSpot: 'Answered on the spot',
        answer: 'Answer given to the caller',
        language: 'Caller’s language',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    calls: {
      title: 'Nowe zgłoszenie telefoniczne',
      new_call: 'Nowa rozmowa',
      recent: 'Rozmowy telefoniczne',
      caller: 'Dzwoniący',
      caller_hint: 'Nieobowiązkowe: tylko to, co dzwoniący chce podać',
      subject: 'Czego dotyczy rozmowa',
      location: 'Miejsce',
      street_hint: 'Wpisz część nazwy ulicy i wybierz ją z rejestru miasta',
      street_searching: 'Szukanie w rejestrze ulic…',
      street_option: '%{street} (%{district})',
      street_in_register:
        'Z rejestru ulic: sprawa dostanie pozycję na mapie (%{position}), dzielnica %{district}',
      street_not_in_district:
        '%{street} nie przebiega przez wybraną dzielnicę: sprawa nie będzie miała pozycji na mapie',
      street_free_text:
        'Nie wybrano z rejestru: miejsce spoza rejestru nie dostanie pozycji na mapie ani sprawdzenia duplikatów; wybierz dzielnicę',
      street_search_failed:
        'Nie udało się przeszukać rejestru ulic: ulica zostanie zapisana tak, jak wpisano',
      district_hint: 'Uzupełniana z wybranej ulicy; zmień, jeśli dzwoniący mówi inaczej',
      call_time: 'Czas rozmowy',
      timer_running: 'trwa pomiar rozmowy',
      timer_stopped: 'pomiar zatrzymany',
      end_call: 'Zakończ rozmowę',
      resume_timer: 'Wznów pomiar',
      duration_format: 'Wpisz minuty:sekundy, np. 3:05',
      answered_on_spot: 'Udzielono odpowiedzi w trakcie rozmowy',
      answered_on_spot_hint:
        'Sprawa zostanie utworzona jako udzielona odpowiedź, a dzwoniący dostanie odpowiedź e-mailem',
      save: 'Zapisz rozmowę',
      recorded: 'Rozmowa zapisana jako sprawa nr %{number}',
      earlier_cases: 'Wcześniejsze sprawy dzwoniącego',
      earlier_cases_hint: 'Podaj e-mail lub numer telefonu, aby zobaczyć wcześniejsze zgłoszenia tej osoby',
      no_earlier_cases: 'Brak wcześniejszych spraw dla tego adresu e-mail lub telefonu',
      looking_up: 'Wyszukiwanie…',
      lookup_failed: 'Nie udało się pobrać wcześniejszych spraw',
      matched_by: {
        email: 'po e-mailu',
        phone: 'po telefonie',
      },
    },
  },
  resources: {
    calls: {
      name: 'Rozmowa telefoniczna |||| Rozmowy telefoniczne',
      fields: {
        'caller.name': 'Imię i nazwisko',
        'caller.email': 'E-mail',
        'caller.phone': 'Telefon',
        kind: 'Rodzaj',
        eventCode: 'Zdarzenie',
        'location.district': 'Dzielnica',
        'location.street': 'Ulica',
        'location.building': 'Numer budynku',
        description: 'Opis',
        duration: 'Czas rozmowy (min:s)',
        answeredOnSpot: 'Udzielono odpowiedzi w trakcie rozmowy',
        answer: 'Odpowiedź udzielona dzwoniącemu',
        language: 'Język dzwoniącego',
      },
    },
  },
};

export const callsMessages = { en, pl };
