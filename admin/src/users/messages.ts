const en = {
  civicflow: {
    users: {
      role: {
        ADMIN: 'Administrator',
        CLERK: 'Contact center clerk',
        UNIT_STAFF: 'Unit staff',
        MANAGER: 'Manager',
      },
      locked: 'Locked',
      unlock: 'Unlock',
      unlocked: 'The account is unlocked',
      reset_password: 'Reset password',
      password_changed:
        'The temporary password is set; the user’s open sessions have ended and they choose their own at the next sign-in',
      password_help:
        'At least %{min} characters, not containing the username. A phrase of a few words works well.',
      unit_help: 'Unit staff only: the unit whose cases they see and handle',
      supervisor_help: 'Supervisors are mailed when their unit’s cases breach the SLA',
      active_help: 'A deactivated user cannot sign in; their open sessions end when you save',
      username_help: 'Used to sign in; it cannot be changed later',
      self_help: 'You cannot deactivate your own account or take the administrator role from yourself',
      temporary_password:
        'The password was set by an administrator: the user chooses their own at the next sign-in',
    },
    sign_in: {
      change_required: 'This password was set by an administrator. Choose your own password to sign in.',
      new_password: 'New password',
      confirm_password: 'Repeat the new password',
      passwords_differ: 'The passwords are not the same',
      change_and_sign_in: 'Change password and sign in',
    },
  },
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        username: 'Username',
        displayName: 'Name',
        role: 'Role',
        unitCode: 'Unit',
        isSupervisor: 'Supervisor',
        email: 'E-mail',
        active: 'Active',
        locked: 'Locked',
        lockedUntil: 'Locked until',
        failedLogins: 'Failed sign-ins',
        createdAt: 'Created',
        password: 'Password',
        mustChangePassword: 'Temporary password',
        q: 'Search',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    users: {
      role: {
        ADMIN: 'Administrator',
        CLERK: 'Konsultant centrum kontaktu',
        UNIT_STAFF: 'Pracownik jednostki',
        MANAGER: 'Kierownik',
      },
      locked: 'Zablokowane',
      unlock: 'Odblokuj',
      unlocked: 'Konto zostało odblokowane',
      reset_password: 'Zmień hasło',
      password_changed:
        'Hasło tymczasowe zostało ustawione; otwarte sesje użytkownika zostały zakończone, a przy następnym logowaniu ustali on własne',
      password_help:
        'Co najmniej %{min} znaków, bez nazwy użytkownika. Dobrze sprawdza się zdanie z kilku słów.',
      unit_help: 'Tylko dla pracowników jednostek: jednostka, której sprawy widzą i obsługują',
      supervisor_help: 'Przełożeni dostają wiadomość, gdy sprawy ich jednostki przekroczą termin SLA',
      active_help: 'Nieaktywny użytkownik nie może się zalogować; jego otwarte sesje kończą się po zapisaniu',
      username_help: 'Służy do logowania; później nie można go zmienić',
      self_help: 'Nie możesz wyłączyć własnego konta ani odebrać sobie roli administratora',
      temporary_password:
        'Hasło zostało nadane przez administratora: użytkownik ustali własne przy następnym logowaniu',
    },
    sign_in: {
      change_required: 'To hasło nadał administrator. Aby się zalogować, ustal własne hasło.',
      new_password: 'Nowe hasło',
      confirm_password: 'Powtórz nowe hasło',
      passwords_differ: 'Hasła nie są takie same',
      change_and_sign_in: 'Zmień hasło i zaloguj się',
    },
  },
  resources: {
    users: {
      name: 'Użytkownik |||| Użytkownicy |||| Użytkowników',
      fields: {
        username: 'Nazwa użytkownika',
        displayName: 'Imię i nazwisko',
        role: 'Rola',
        unitCode: 'Jednostka',
        isSupervisor: 'Przełożony',
        email: 'E-mail',
        active: 'Aktywny',
        locked: 'Zablokowany',
        lockedUntil: 'Zablokowany do',
        failedLogins: 'Nieudane logowania',
        createdAt: 'Utworzony',
        password: 'Hasło',
        mustChangePassword: 'Hasło tymczasowe',
        q: 'Szukaj',
      },
    },
  },
};

export const usersMessages = { en, pl };
