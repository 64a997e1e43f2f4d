import type { TranslationMessages } from 'react-admin';

/**
 * Polish translation of the react-admin UI messages
 * (same key structure as ra-language-english 5.15.4).
 *
 * Plural forms follow node-polyglot's "polish" rule (locale 'pl'), 3 forms:
 *   0: n === 1
 *   1: n % 10 in 2..4, except n % 100 in 12..14
 *   2: everything else (0, 5-21, 25-31, ...)
 * e.g. '%{smart_count} element |||| %{smart_count} elementy |||| %{smart_count} elementów'
 *
 * Resource names (%{name}) are computed by react-admin with a smart_count
 * (1 for a single record, 0 for empty lists, the selection size for bulk
 * actions), so Polish resource names defined with 3 plural forms inflect
 * correctly in e.g. 'Nie znaleziono %{name}' or 'Usuń %{smart_count} %{name}'.
 */
export const raPolishMessages: TranslationMessages = {
  ra: {
    action: {
      add_filter: 'Dodaj filtr',
      add: 'Dodaj',
      back: 'Wróć',
      bulk_actions:
        'Zaznaczono 1 element |||| Zaznaczono %{smart_count} elementy |||| Zaznaczono %{smart_count} elementów',
      cancel: 'Anuluj',
      clear_array_input: 'Wyczyść listę',
      clear_input_value: 'Wyczyść wartość',
      clone: 'Duplikuj',
      confirm: 'Potwierdź',
      create: 'Utwórz',
      create_item: 'Utwórz „%{item}”',
      delete: 'Usuń',
      edit: 'Edytuj',
      export: 'Eksportuj',
      list: 'Lista',
      refresh: 'Odśwież',
      remove_filter: 'Usuń ten filtr',
      remove_all_filters: 'Usuń wszystkie filtry',
      remove: 'Usuń',
      reset: 'Resetuj',
      save: 'Zapisz',
      search: 'Szukaj',
      search_columns: 'Szukaj kolumn',
      select_all: 'Zaznacz wszystko',
      select_all_button: 'Zaznacz wszystko',
      select_row: 'Zaznacz ten wiersz',
      show: 'Pokaż',
      sort: 'Sortuj',
      undo: 'Cofnij',
      unselect: 'Odznacz',
      expand: 'Rozwiń',
      close: 'Zamknij',
      open_menu: 'Otwórz menu',
      close_menu: 'Zamknij menu',
      update: 'Zaktualizuj',
      move_up: 'Przenieś w górę',
      move_down: 'Przenieś w dół',
      open: 'Otwórz',
      toggle_theme: 'Przełącz tryb jasny/ciemny',
      select_columns: 'Kolumny',
      update_application: 'Przeładuj aplikację',
    },
    boolean: {
      true: 'Tak',
      false: 'Nie',
      null: ' ',
    },
    page: {
      create: 'Utwórz: %{name}',
      dashboard: 'Pulpit',
      edit: '%{name} %{recordRepresentation}',
      error: 'Coś poszło nie tak',
      list: '%{name}',
      loading: 'Ładowanie',
      not_found: 'Nie znaleziono',
      show: '%{name} %{recordRepresentation}',
      empty: 'Nie ma jeszcze żadnych %{name}.',
      invite: 'Czy chcesz dodać pierwszy element?',
      access_denied: 'Brak dostępu',
      authentication_error: 'Błąd uwierzytelniania',
    },
    input: {
      file: {
        upload_several: 'Upuść pliki, aby je przesłać, lub kliknij, aby wybrać plik.',
        upload_single: 'Upuść plik, aby go przesłać, lub kliknij, aby go wybrać.',
      },
      image: {
        upload_several: 'Upuść obrazy, aby je przesłać, lub kliknij, aby wybrać obraz.',
        upload_single: 'Upuść obraz, aby go przesłać, lub kliknij, aby go wybrać.',
      },
      references: {
        all_missing: 'Nie można znaleźć powiązanych danych.',
        many_missing: 'Co najmniej jeden z powiązanych elementów jest już niedostępny.',
        single_missing: 'Powiązany element jest już niedostępny.',
      },
      password: {
        toggle_visible: 'Ukryj hasło',
        toggle_hidden: 'Pokaż hasło',
      },
    },
    message: {
      about: 'Informacje',
      access_denied: 'Nie masz uprawnień dostępu do tej strony',
      are_you_sure: 'Czy na pewno?',
      authentication_error:
        'Serwer uwierzytelniania zwrócił błąd i nie udało się zweryfikować danych logowania.',
      auth_error: 'Wystąpił błąd podczas weryfikacji tokenu uwierzytelniającego.',
      bulk_delete_content:
        'Czy na pewno chcesz usunąć ten element (%{name})? |||| Czy na pewno chcesz usunąć %{smart_count} zaznaczone elementy? |||| Czy na pewno chcesz usunąć %{smart_count} zaznaczonych elementów?',
      bulk_delete_title: 'Usuń: %{name} |||| Usuń %{smart_count} %{name} |||| Usuń %{smart_count} %{name}',
      bulk_update_content:
        'Czy na pewno chcesz zaktualizować element %{name} %{recordRepresentation}? |||| Czy na pewno chcesz zaktualizować %{smart_count} zaznaczone elementy? |||| Czy na pewno chcesz zaktualizować %{smart_count} zaznaczonych elementów?',
      bulk_update_title:
        'Zaktualizuj: %{name} %{recordRepresentation} |||| Zaktualizuj %{smart_count} %{name} |||| Zaktualizuj %{smart_count} %{name}',
      clear_array_input: 'Czy na pewno chcesz wyczyścić całą listę?',
      delete_content: 'Czy na pewno chcesz usunąć ten element (%{name})?',
      delete_title: 'Usuń: %{name} %{recordRepresentation}',
      details: 'Szczegóły',
      error: 'Wystąpił błąd po stronie klienta i nie udało się zrealizować żądania.',
      invalid_form: 'Formularz zawiera błędy. Sprawdź poprawność wprowadzonych danych',
      loading: 'Proszę czekać',
      no: 'Nie',
      not_found: 'Wpisano nieprawidłowy adres URL lub kliknięto nieprawidłowy link.',
      select_all_limit_reached:
        'Elementów jest zbyt wiele, aby zaznaczyć wszystkie. Zaznaczono tylko pierwsze elementy (maksymalnie %{max}).',
      unsaved_changes: 'Niektóre zmiany nie zostały zapisane. Czy na pewno chcesz je odrzucić?',
      yes: 'Tak',
      placeholder_data_warning: 'Problem z siecią: nie udało się odświeżyć danych.',
    },
    navigation: {
      clear_filters: 'Wyczyść filtry',
      no_filtered_results: 'Nie znaleziono %{name} spełniających bieżące filtry.',
      no_results: 'Nie znaleziono %{name}',
      no_more_results: 'Strona %{page} jest poza zakresem. Przejdź do poprzedniej strony.',
      page_out_of_boundaries: 'Strona %{page} jest poza zakresem',
      page_out_from_end: 'Nie można przejść za ostatnią stronę',
      page_out_from_begin: 'Nie można przejść przed pierwszą stronę',
      page_range_info: '%{offsetBegin}-%{offsetEnd} z %{total}',
      partial_page_range_info: '%{offsetBegin}-%{offsetEnd} z ponad %{offsetEnd}',
      current_page: 'Strona %{page}',
      page: 'Przejdź do strony %{page}',
      first: 'Przejdź do pierwszej strony',
      last: 'Przejdź do ostatniej strony',
      next: 'Przejdź do następnej strony',
      previous: 'Przejdź do poprzedniej strony',
      page_rows_per_page: 'Wierszy na stronie:',
      skip_nav: 'Przejdź do treści',
    },
    sort: {
      sort_by: 'Sortuj według: %{field_lower_first} %{order}',
      ASC: 'rosnąco',
      DESC: 'malejąco',
    },
    auth: {
      auth_check_error: 'Zaloguj się, aby kontynuować',
      user_menu: 'Profil',
      username: 'Nazwa użytkownika',
      password: 'Hasło',
      email: 'E-mail',
      sign_in: 'Zaloguj się',
      sign_in_error: 'Uwierzytelnianie nie powiodło się, spróbuj ponownie',
      logout: 'Wyloguj',
    },
    notification: {
      updated:
        'Zaktualizowano element |||| Zaktualizowano %{smart_count} elementy |||| Zaktualizowano %{smart_count} elementów',
      created: 'Utworzono element',
      deleted:
        'Usunięto element |||| Usunięto %{smart_count} elementy |||| Usunięto %{smart_count} elementów',
      bad_item: 'Nieprawidłowy element',
      item_doesnt_exist: 'Element nie istnieje',
      http_error: 'Błąd komunikacji z serwerem',
      data_provider_error: 'Błąd dataProvider. Szczegóły znajdziesz w konsoli.',
      i18n_error: 'Nie można wczytać tłumaczeń dla wybranego języka',
      canceled: 'Operacja anulowana',
      logged_out: 'Sesja wygasła. Zaloguj się ponownie.',
      not_authorized: 'Nie masz uprawnień dostępu do tego zasobu.',
      application_update_available: 'Dostępna jest nowa wersja.',
      offline: 'Brak połączenia. Nie udało się pobrać danych.',
    },
    validation: {
      required: 'Pole wymagane',
      minLength: 'Minimalna liczba znaków: %{min}',
      maxLength: 'Maksymalna liczba znaków: %{max}',
      minValue: 'Wartość musi wynosić co najmniej %{min}',
      maxValue: 'Wartość nie może być większa niż %{max}',
      number: 'Wartość musi być liczbą',
      email: 'Wprowadź prawidłowy adres e-mail',
      oneOf: 'Wartość musi być jedną z: %{options}',
      regex: 'Wartość musi mieć określony format (wyrażenie regularne): %{pattern}',
      unique: 'Wartość musi być unikalna',
    },
    saved_queries: {
      label: 'Zapisane zapytania',
      query_name: 'Nazwa zapytania',
      new_label: 'Zapisz bieżące zapytanie...',
      new_dialog_title: 'Zapisz bieżące zapytanie jako',
      remove_label: 'Usuń zapisane zapytanie',
      remove_label_with_name: 'Usuń zapytanie „%{name}”',
      remove_dialog_title: 'Usunąć zapisane zapytanie?',
      remove_message: 'Czy na pewno chcesz usunąć ten element z listy zapisanych zapytań?',
      help: 'Przefiltruj listę i zapisz to zapytanie na później',
    },
    guesser: {
      empty: {
        title: 'Brak danych do wyświetlenia',
        message: 'Sprawdź konfigurację dostawcy danych (dataProvider)',
      },
    },
    configurable: {
      customize: 'Dostosuj',
      configureMode: 'Skonfiguruj tę stronę',
      inspector: {
        title: 'Inspektor',
        content: 'Najedź kursorem na elementy interfejsu aplikacji, aby je skonfigurować',
        reset: 'Przywróć ustawienia domyślne',
        hideAll: 'Ukryj wszystkie',
        showAll: 'Pokaż wszystkie',
      },
      Datagrid: {
        title: 'Tabela danych',
        unlabeled: 'Kolumna bez etykiety #%{column}',
      },
      SimpleForm: {
        title: 'Formularz',
        unlabeled: 'Pole bez etykiety #%{input}',
      },
      SimpleList: {
        title: 'Lista',
        primaryText: 'Tekst główny',
        secondaryText: 'Tekst drugorzędny',
        tertiaryText: 'Tekst trzeciorzędny',
      },
    },
  },
};
