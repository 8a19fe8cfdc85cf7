from django.contrib import admin

from skills.models import Skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "category"]
    list_filter = ["category"]
    search_fields = ["name", "name_zh", "aliases"]
