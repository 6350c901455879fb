package dev.lambdalens.shared;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DataBinder;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.WebDataBinder;

/**
 * Shows a form record again after a value that could not be converted ({@code amount=abc}, a bad date, an unknown
 * choice). Spring binds a record through its constructor, all or nothing: one such value and there is no record at
 * all, so the page had nothing to render and failed. This builds the record again from the other fields, and keeps
 * the errors with their rejected values, so that every field shows what was typed and the bad ones say why.
 */
@Component
public class FormRebinding {

    private final ConversionService conversions;

    /**
     * @param mvcConversions the conversions the web binder uses; an instance started without the web layer (a worker
     * instance, some tests) has none, and then gets Spring's default formatting conversions
     */
    public FormRebinding(@org.springframework.beans.factory.annotation.Qualifier("mvcConversionService")
            org.springframework.beans.factory.ObjectProvider<ConversionService> mvcConversions) {
        this.conversions = mvcConversions.getIfAvailable(
                org.springframework.format.support.DefaultFormattingConversionService::new);
    }

    /**
     * Puts a usable form object and its errors in the model under {@code name}, if the bound one is missing.
     * @return the form object the page can render (the bound one when there was one)
     */
    public <T> T ensure(@Nullable T bound, Class<T> type, String name, BindingResult errors, HttpServletRequest request,
            Model model) {
        if (bound != null) {
            return bound;
        }
        Map<String, String[]> kept = new HashMap<>(request.getParameterMap());
        T rebuilt = null;
        for (int attempt = 0; attempt < 5 && rebuilt == null; attempt++) {
            Set<String> failed = new LinkedHashSet<>();
            (attempt == 0 ? errors.getFieldErrors() : List.<FieldError>of()).forEach((e) -> failed.add(e.getField()));
            DataBinder binder = new WebDataBinder(null, name);
            binder.setTargetType(ResolvableType.forClass(type));
            binder.setConversionService(this.conversions);
            kept.keySet().removeIf((param) -> failed.stream().anyMatch((f) -> param.equals(f)
                    || param.startsWith(f + ".") || param.startsWith(f + "[")));
            binder.construct(new Values(kept));
            rebuilt = type.cast(binder.getTarget());
            if (rebuilt == null) {
                binder.getBindingResult().getFieldErrors().forEach((e) -> kept.keySet().removeIf((param) ->
                        param.equals(e.getField()) || param.startsWith(e.getField() + ".")
                                || param.startsWith(e.getField() + "[")));
            }
        }
        if (rebuilt == null) {
            kept.clear();
            DataBinder empty = new WebDataBinder(null, name);
            empty.setTargetType(ResolvableType.forClass(type));
            empty.construct(new Values(kept));
            rebuilt = type.cast(empty.getTarget());
        }
        BeanPropertyBindingResult shown = new BeanPropertyBindingResult(rebuilt, name);
        for (ObjectError error : errors.getAllErrors()) {
            if (error instanceof FieldError field) {
                shown.addError(new FieldError(name, field.getField(), field.getRejectedValue(), true,
                        field.getCodes(), field.getArguments(), message(field)));
            }
            else {
                shown.addError(error);
            }
        }
        model.addAttribute(name, rebuilt);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, shown);
        return rebuilt;
    }

    /** Conversion failures carry the converter's text (with class names); say plainly what is expected instead. */
    private static String message(FieldError error) {
        if (!error.isBindingFailure()) {
            return String.valueOf(error.getDefaultMessage());
        }
        return "'" + abbreviate(String.valueOf(error.getRejectedValue())) + "' is not a valid value here";
    }

    static String abbreviate(String value) {
        return (value.length() > 40) ? value.substring(0, 40) + "…" : value;
    }

    /** Request parameters as the binder reads them. */
    private record Values(Map<String, String[]> parameters) implements DataBinder.ValueResolver {

        @Override
        public @Nullable Object resolveValue(String name, Class<?> type) {
            String[] values = this.parameters.get(name);
            return (values == null) ? null : (values.length == 1) ? values[0] : values;
        }

        @Override
        public Set<String> getNames() {
            return this.parameters.keySet();
        }
    }
}
