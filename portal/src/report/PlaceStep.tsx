import { useRef, useState } from 'react';
import { api } from '../api';
import { formatCoordinates, PlaceMap, type MapPoint } from '../components/PlaceMap';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../layout/settings';
import type { PlaceDraft } from './draft';
import type { ReverseGeocoding, Street } from './report-api';
import { StreetSearch } from './StreetSearch';

/** A street found from a pin further than this is not "the" street of the place. */
const NEAREST_STREET_METERS = 150;

export function placeAddress(place: PlaceDraft): string {
  const street = [place.streetLabel ?? place.street, place.building.trim()].filter(Boolean).join(' ');
  return [street, place.district].filter(Boolean).join(', ');
}

/**
 * Step 1: where the problem is. The street search and "use my location" are the keyboard and
 * screen-reader ways; the map is for pointing precisely. Each new place is looked up in the city's
 * register, which names the district, or says the place is outside the city (which blocks the step).
 */
export function PlaceStep({
  place,
  onChange,
  onNext,
}: {
  place: PlaceDraft;
  onChange(update: (place: PlaceDraft) => PlaceDraft): void;
  onNext(): void;
}) {
  const { t } = useI18n();
  const settings = useSettings();
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const latestLookup = useRef(0);
  const pendingLookup = useRef<Promise<void>>(Promise.resolve());
  const latestPlace = useRef(place);
  latestPlace.current = place;
  const searchInput = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  function locate(point: MapPoint, how: 'street' | 'pointer' | 'device', street?: Street) {
    const lookup = ++latestLookup.current;
    setStepError(null);
    if (how !== 'pointer') setFocusKey((key) => key + 1);
    onChange((current) => ({
      ...current,
      point,
      // A pin moved by hand or by the device may be on another street: the register will say.
      street: street ? street.name : how === 'pointer' || how === 'device' ? null : current.street,
      streetLabel: street ? street.label : how === 'pointer' || how === 'device' ? null : current.streetLabel,
      district: street?.district ?? null,
      area: 'checking',
    }));
    pendingLookup.current = api<ReverseGeocoding>('/api/v1/places/reverse', {
      query: { lat: point.lat.toFixed(6), lon: point.lon.toFixed(6) },
    }).then(
      (found) => {
        if (lookup !== latestLookup.current) return;
        const nearest =
          !street && found.street && found.street.distanceMeters <= NEAREST_STREET_METERS
            ? found.street
            : null;
        onChange((current) => ({
          ...current,
          area: found.insideCity ? 'inside' : 'outside',
          district: found.insideCity ? (found.district ?? current.district) : null,
          street: nearest ? nearest.name : current.street,
          streetLabel: nearest ? nearest.label : current.streetLabel,
        }));
      },
      () => {
        if (lookup !== latestLookup.current) return;
        onChange((current) => ({ ...current, area: 'unchecked' }));
      },
    );
  }

  function locateDevice() {
    setLocationError(null);
    if (!('geolocation' in navigator)) {
      setLocationError(t('report.place.locationUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        locate({ lat: position.coords.latitude, lon: position.coords.longitude }, 'device');
        summary.current?.focus();
      },
      (failure) => {
        setLocating(false);
        setLocationError(
          failure.code === failure.PERMISSION_DENIED
            ? t('report.place.locationDenied')
            : failure.code === failure.TIMEOUT
              ? t('report.place.locationTimeout')
              : t('report.place.locationUnavailable'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function next() {
    if (!latestPlace.current.point) {
      setStepError(t('report.place.required'));
      searchInput.current?.focus();
      return;
    }
    await pendingLookup.current;
    if (latestPlace.current.area === 'outside') {
      setStepError(t('report.place.outsideBlocks'));
      return;
    }
    onNext();
  }

  const address = placeAddress(place);
  return (
    <>
      <StreetSearch
        inputRef={searchInput}
        onChoose={(street) => {
          locate({ lat: street.lat, lon: street.lon }, 'street', street);
          // The chosen result disappears with the list: the place it set is where to go on from.
          summary.current?.focus();
        }}
      />

      <div className="field">
        <label htmlFor="building">
          {t('report.place.buildingLabel')}
          <span className="field-necessity"> ({t('common.optional')})</span>
        </label>
        <span id="building-hint" className="hint">
          {t('report.place.buildingHint')}
        </span>
        <input
          id="building"
          type="text"
          inputMode="text"
          autoComplete="off"
          maxLength={20}
          className="input--short"
          aria-describedby="building-hint"
          value={place.building}
          onChange={(event) => {
            const building = event.target.value;
            onChange((current) => ({ ...current, building }));
          }}
        />
      </div>

      <div className="actions">
        <button type="button" className="button button--secondary" onClick={locateDevice} disabled={locating}>
          {locating ? t('report.place.locating') : t('report.place.useLocation')}
        </button>
      </div>
      {locationError ? (
        <p role="alert" className="notice notice--warn">
          {locationError}
        </p>
      ) : null}

      <div ref={summary} tabIndex={-1} className="place-summary" role="status" data-testid="place-summary">
        {place.point ? (
          <>
            <p>
              <strong>{t('report.place.chosen')}</strong> {address || formatCoordinates(place.point)}
              <span className="muted">
                {' '}
                ({t('report.place.coordinates', { coordinates: formatCoordinates(place.point) })})
              </span>
            </p>
            {place.area === 'checking' ? <p>{t('report.place.checking')}</p> : null}
            {place.area === 'inside' && place.district ? (
              <p className="place-summary__district">
                {t('report.place.district', { district: place.district })}
              </p>
            ) : null}
            {place.area === 'unchecked' ? <p>{t('report.place.lookupFailed')}</p> : null}
          </>
        ) : (
          <p>{t('report.place.noPlace')}</p>
        )}
      </div>
      {place.area === 'outside' ? (
        <p role="alert" className="notice notice--error">
          {t('report.place.outside', { city: settings.cityName })}
        </p>
      ) : null}

      <h3>{t('report.place.mapHeading')}</h3>
      <PlaceMap
        label={t('report.place.mapLabel')}
        pin={place.point}
        address={address}
        focusKey={focusKey}
        onPick={(point) => locate(point, 'pointer')}
        plainHint={t('report.place.mapPlainHint')}
      />

      {stepError ? (
        <p role="alert" className="notice notice--error" id="place-step-error">
          {stepError}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button" onClick={() => void next()}>
          {t('report.place.next')}
        </button>
      </div>
    </>
  );
}
