package rules

// The zone database is embedded so Asia/Shanghai loads on minimal images.
import _ "time/tzdata"
