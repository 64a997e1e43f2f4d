import { useEffect, useRef, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useFormContext, useWatch } from 'react-hook-form';
import { useInput, useResourceContext, useTranslate, useTranslateLabel } from 'react-admin';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { RegisterStreet } from './callsApi';

const SEARCH_DELAY_MS = 250;

/** The street the clerk chose from the register, with all its parts (one per district it runs through). */
interface Chosen {
  street: RegisterStreet;
  parts: RegisterStreet[];
}

const sameStreet = (a: RegisterStreet, b: RegisterStreet | string) =>
  typeof b !== 'string' &&
  a.name === b.name &&
  a.district === b.district &&
  a.lat === b.lat &&
  a.lon === b.lon;

/**
 * The street of a call, searched in the city's street register as the portal searches it (the same
 * `/api/v1/places/streets`, which ignores case and Polish letters). A chosen street fills the
 * district and the case's position (`location.lat`/`lon`), so the unit gets a pin and the workflow
 * looks for a duplicate; the district stays editable, and another district moves the position to
 * the street's part there, or drops it. Free text stays possible for a place the register does
 * not know, and the helper text says such a case gets no position.
 */
export const CallStreetInput = () => {
  const translate = useTranslate();
  const translateLabel = useTranslateLabel();
  const resource = useResourceContext();
  const dataProvider = useBackOfficeDataProvider();
  const { setValue } = useFormContext();
  const { field, fieldState } = useInput({ source: 'location.street' });
  const district = useWatch({ name: 'location.district' }) as string | undefined | null;
  const lat = useWatch({ name: 'location.lat' }) as number | undefined | null;
  const lon = useWatch({ name: 'location.lon' }) as number | undefined | null;
  const text = typeof field.value === 'string' ? field.value : '';
  const [options, setOptions] = useState<RegisterStreet[]>([]);
  const [searching, setSearching] = useState(false);
  const [failed, setFailed] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const skipSearch = useRef(false);

  const place = (point: RegisterStreet | null) => {
    setValue('location.lat', point?.lat, { shouldDirty: true });
    setValue('location.lon', point?.lon, { shouldDirty: true });
  };

  useEffect(() => {
    if (skipSearch.current) {
      skipSearch.current = false;
      return;
    }
    const q = text.trim();
    if (q.length < 2) {
      setOptions([]);
      setSearching(false);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setSearching(true);
      dataProvider
        .searchStreets(q, controller.signal)
        .then((found) => {
          setOptions(found.items);
          setFailed(false);
        })
        .catch(() => {
          if (!controller.signal.aborted) setFailed(true);
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, dataProvider]);

  // A district chosen by hand after the street: the street's part there, or no position.
  useEffect(() => {
    if (!chosen) return;
    const part = chosen.parts.find((p) => p.district === district) ?? null;
    if (part?.lat !== lat || part?.lon !== lon) place(part);
    // place only calls setValue
  }, [chosen, district, lat, lon]);

  const choose = (street: RegisterStreet) => {
    // The name put in the box is not a new search (unless it is already there: then nothing runs).
    skipSearch.current = street.name !== text;
    setChosen({ street, parts: options.filter((o) => o.name === street.name) });
    field.onChange(street.name);
    setValue('location.district', street.district, { shouldDirty: true });
    place(street);
    setOptions([]);
  };

  const type = (value: string) => {
    if (value === text) return;
    setChosen(null);
    place(null);
    field.onChange(value);
  };

  const positioned = chosen !== null && typeof lat === 'number' && typeof lon === 'number';
  const hint = fieldState.error?.message
    ? translate(fieldState.error.message, { _: fieldState.error.message })
    : failed
      ? translate('civicflow.calls.street_search_failed')
      : positioned
        ? translate('civicflow.calls.street_in_register', {
            position: `${lat.toFixed(5)}, ${lon.toFixed(5)}`,
            district: district ?? '',
          })
        : chosen
          ? translate('civicflow.calls.street_not_in_district', { street: chosen.street.label })
          : text.trim()
            ? translate('civicflow.calls.street_free_text')
            : translate('civicflow.calls.street_hint');

  return (
    <Autocomplete<RegisterStreet, false, false, true>
      freeSolo
      fullWidth
      options={options}
      filterOptions={(all) => all}
      loading={searching}
      loadingText={translate('civicflow.calls.street_searching')}
      inputValue={text}
      value={chosen?.street ?? null}
      getOptionLabel={(option) => (typeof option === 'string' ? option : option.name)}
      isOptionEqualToValue={sameStreet}
      onInputChange={(_event, value, reason) => {
        if (reason === 'input' || reason === 'clear') type(value);
      }}
      onChange={(_event, value) => {
        if (value && typeof value !== 'string') choose(value);
      }}
      renderOption={({ key, ...props }, option) => (
        <Box component="li" key={key} {...props}>
          {translate('civicflow.calls.street_option', { street: option.label, district: option.district })}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          name="location.street"
          inputRef={field.ref}
          onBlur={field.onBlur}
          label={translateLabel({ source: 'location.street', resource })}
          error={Boolean(fieldState.error)}
          helperText={<span data-testid="call-street-status">{hint}</span>}
        />
      )}
    />
  );
};
