package store

// Reminders print deadlines in China time; embed the zone database so
// Asia/Shanghai loads on minimal images.
import _ "time/tzdata"
